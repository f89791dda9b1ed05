package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.ir.Shape;
import org.ae4j.testkit.Compare;
import org.ae4j.testkit.Runs;
import org.ae4j.testkit.Tolerance;
import org.ae4j.testkit.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FusionTest {
    private final CpuBackend backend = new CpuBackend(new CpuBackendConfig(2));

    @AfterEach
    void close() {
        backend.close();
    }

    private void assertMatchesReference(Node out, Node x, int size) {
        double[] xv = new Values(5).uniform(x.shape(), -1, 1);
        float[] got = Runs.evaluate(backend, List.of(out), Map.of(x, xv)).get(0);
        Compare.assertClose(out.toString(), ReferenceExecutor.evaluate(out, Map.of(x, xv)), got,
                Tolerance.ELEMENTWISE);
        assertEquals(size, got.length);
    }

    @Test
    void aSingleUseElementwiseChainRunsAsOneStep() {
        Node x = Ops.input("x", Shape.of(3000));
        Node y = Ops.add(Ops.mul(Ops.tanh(x), Ops.scalar(0.5)), Ops.exp(Ops.neg(Ops.abs(x))));
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y), Map.of()))) {
            assertEquals(1, s.stepCount());
            assertEquals(3000, s.plannedFloats(), "only the root has a buffer");
        }
        assertMatchesReference(y, x, 3000);
    }

    @Test
    void aRegisterReadTwiceByItsUserIsNotReusedEarly() {
        Node x = Ops.input("x", Shape.of(2500));
        Node t = Ops.tanh(x);
        // t is read twice by one user; exp(x) then needs a register while t·t is still live.
        Node y = Ops.add(Ops.mul(t, t), Ops.exp(x));
        assertMatchesReference(y, x, 2500);
    }

    @Test
    void valuesWithSeveralUsersOrOfOtherSizesEndAGroup() {
        Node x = Ops.input("x", Shape.of(40, 30));
        Node t = Ops.tanh(x);
        Node shared = Ops.add(Ops.mul(t, t), Ops.neg(t));
        Node rowSums = Ops.reduceSum(shared, true, 1);
        Node y = Ops.sub(Ops.exp(shared), rowSums);
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y), Map.of()))) {
            // tanh (two users: mul and neg), mul+neg+add (two users), the reduction, exp (its user broadcasts a
            // column, so it is not fusible), sub.
            assertEquals(5, s.stepCount());
        }
        assertMatchesReference(y, x, 1200);
    }

    @Test
    void largeGroupsSplitAcrossThreadsGiveIdenticalBits() {
        Node x = Ops.input("x", Shape.of(300, 700));
        Node y = Ops.log(Ops.add(Ops.exp(Ops.tanh(x)), Ops.scalar(1)));
        double[] xv = new Values(9).uniform(x.shape(), -2, 2);
        float[] two = Runs.evaluate(backend, List.of(y), Map.of(x, xv)).get(0);
        try (CpuBackend one = new CpuBackend(new CpuBackendConfig(1))) {
            float[] single = Runs.evaluate(one, List.of(y), Map.of(x, xv)).get(0);
            Compare.assertBitwiseEqual("1 vs 2 threads", single, two);
        }
        assertTrue(two.length == 210_000);
    }

    @Test
    void aBroadcastScalarReadOnlyByFusedMembersIsReadAsAScalarWithNoStep() {
        Node x = Ops.input("x", Shape.of(40, 30));
        Node sum = Ops.reduceSum(x, false, 0, 1);
        Node b = Ops.broadcast(sum, x.shape());
        Node y = Ops.add(Ops.mul(b, x), Ops.mul(b, Ops.mul(x, x)));
        double[] xv = new Values(4).uniform(x.shape(), -1, 1);
        float[] xf = new float[xv.length];
        for (int i = 0; i < xv.length; i++) {
            xf[i] = (float) xv[i];
        }
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y, sum), Map.of()))) {
            assertEquals(2, s.stepCount(), "the sum and one fused step; no broadcast step");
        }
        List<float[]> got = Runs.evaluate(backend, List.of(y, sum), Map.of(x, xv));
        float sv = got.get(1)[0];
        float[] want = new float[xf.length];
        for (int i = 0; i < xf.length; i++) {
            want[i] = sv * xf[i] + sv * (xf[i] * xf[i]);
        }
        Compare.assertBitwiseEqual("s·x + s·x²", want, got.get(0));
        // Read by a product too (or an output), the broadcast keeps its step and buffer, with the same values.
        Node z = Ops.add(y, Ops.matmul(b, Ops.input("w", Shape.of(30, 30)), false, false));
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(z), Map.of()))) {
            assertEquals(4, s.stepCount(), "sum, broadcast, product, fused step");
        }
        List<float[]> both = Runs.evaluate(backend, List.of(y, b), Map.of(x, xv));
        Compare.assertBitwiseEqual("as an output too", want, both.get(0));
    }

    @Test
    void aFullSumOfAGroupRunsTheGroupInItsOwnStepWithLayoutSumsBits() {
        // 301 × 699 values: 26 runs of Layout.SUM_RUN, the last partial, and a tail that is not a multiple of 8.
        Node x = Ops.input("x", Shape.of(301, 699));
        Node values = Ops.mul(Ops.tanh(x), x);
        Node total = Ops.reduceSum(values, false, 0, 1);
        double[] xv = new Values(12).uniform(x.shape(), -2, 2);
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(total), Map.of()))) {
            assertEquals(1, s.stepCount(), "the group runs inside the sum's step");
        }
        float[] materialized = Runs.evaluate(backend, List.of(values), Map.of(x, xv)).get(0);
        float want = (float) Layout.sum(materialized, 0, materialized.length);
        float two = Runs.evaluate(backend, List.of(total), Map.of(x, xv)).get(0)[0];
        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(two), want + " vs " + two);
        try (CpuBackend one = new CpuBackend(new CpuBackendConfig(1))) {
            float single = Runs.evaluate(one, List.of(total), Map.of(x, xv)).get(0)[0];
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(single), "1 thread");
        }
        // Read elsewhere too, the values keep their buffer and the sum its own step: the same bits.
        List<float[]> both = Runs.evaluate(backend, List.of(total, values), Map.of(x, xv));
        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(both.get(0)[0]), "unfused");
    }
}
