package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** K training steps in one ONNX Loop run equal K single-step runs on the same inputs; the loop's API. */
class OrtMultiStepSessionTest {
    private static final PluginRegistry REGISTRY = new PluginRegistry();
    private static final Dataset DATA = Models.lowRank(200, 12, 3);
    private static final int K = 4;
    private static OrtBackend backend;

    @BeforeAll
    static void open() {
        backend = OrtTesting.backend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** A stacked model with a penalty and a corruption, so the step has noise inputs, penalties and Adam state. */
    static AutoencoderSpec spec() {
        Component<Regularizer> kl = REGISTRY.create(PluginKind.REGULARIZER, Regularizer.class,
                "kl-sparsity:rho=0.1,beta=0.5");
        Component<Corruption> mask = REGISTRY.create(PluginKind.CORRUPTION, Corruption.class, "masking:level=0.3");
        return Models.dense(List.of(6, 4), true, List.of(kl), mask);
    }

    @Test
    void loopRunsOfKAndFewerStepsGiveTheParametersAndLossesOfSingleSteps() {
        int[] runs = {K, K - 1, 1, K};
        int total = java.util.Arrays.stream(runs).sum();
        StepFixture f = new StepFixture(spec(), DATA, 16, total, 7);
        float[] singleLoss = new float[total];
        Map<Node, float[]> single;
        try (Session s = backend.open(f.program)) {
            f.load(s);
            for (int step = 0; step < total; step++) {
                f.feed(s, step);
                s.run();
                singleLoss[step] = s.scalarOutput(f.tp.loss());
            }
            single = StepFixture.parameters(f.program.parameters(), s::getParameter);
        }
        float[] loopLoss = new float[total];
        Map<Node, float[]> loop;
        try (OrtMultiStepSession s = backend.openSteps(f.program, K)) {
            assertEquals(K, s.steps());
            f.load(s);
            int from = 0;
            for (int k : runs) {
                f.feed(s, from, k);
                s.run(k);
                assertEquals(k, s.lastSteps());
                for (int j = 0; j < k; j++) {
                    loopLoss[from + j] = s.scalarOutput(f.tp.loss(), j);
                }
                int last = k;
                assertThrows(IndexOutOfBoundsException.class, () -> s.scalarOutput(f.tp.loss(), last));
                from += k;
            }
            loop = StepFixture.parameters(f.program.parameters(), s::getParameter);
        }
        assertClose(singleLoss, loopLoss, "loss of each step");
        for (Node p : f.program.parameters()) {
            assertClose(single.get(p), loop.get(p), p.name());
        }
        assertTrue(singleLoss[total - 1] != singleLoss[0], "the steps trained something");
    }

    @Test
    void revertRestoresTheParametersBeforeTheLastRunOfKSteps() {
        StepFixture f = new StepFixture(spec(), DATA, 8, 2 * K, 9);
        try (OrtMultiStepSession s = backend.openSteps(f.program, K)) {
            f.load(s);
            f.feed(s, 0);
            s.run();
            Map<Node, float[]> afterFirst = StepFixture.parameters(f.program.parameters(), s::getParameter);
            f.feed(s, K);
            s.run();
            s.revert(1);
            Map<Node, float[]> reverted = StepFixture.parameters(f.program.parameters(), s::getParameter);
            for (Node p : f.program.parameters()) {
                assertArrayEquals(afterFirst.get(p), reverted.get(p), p.name());
            }
            s.revert(1);
            for (Node p : f.program.parameters()) {
                float[] v = new float[p.shape().size()];
                s.getParameter(p, v);
                assertArrayEquals(f.initial.get(p), v, p.name() + " after reverting both runs");
            }
            assertThrows(IllegalArgumentException.class, () -> s.revert(1));
        }
    }

    @Test
    void theConfigsStepsPerRunIsTheDefaultOfOpenSteps() {
        assertEquals(new OrtBackendConfig("auto", 0, 8), new OrtBackendProvider().parseConfig(Map.of("stepsPerRun", "8")));
        assertEquals(1, OrtBackendConfig.defaults().stepsPerRun());
        StepFixture f = new StepFixture(spec(), DATA, 4, 3, 1);
        try (OrtBackend b = new OrtBackend(new OrtBackendConfig(OrtTesting.DEVICE, 0, 3));
             OrtMultiStepSession s = b.openSteps(f.program)) {
            assertEquals(3, s.steps());
        }
    }

    @Test
    void badStepCountsAndStepIndicesAreRejected() {
        StepFixture f = new StepFixture(spec(), DATA, 4, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.openSteps(f.program, 0));
        assertTrue(e.getMessage().contains("steps: expected >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OrtBackendConfig("cpu", 0, 0));
        assertTrue(e.getMessage().startsWith("stepsPerRun: expected 1.."), e.getMessage());
        try (OrtMultiStepSession s = backend.openSteps(f.program, 2)) {
            float[] x = f.inputs.get(f.x)[0];
            assertThrows(IndexOutOfBoundsException.class, () -> s.setInput(f.x, 2, x, 0));
            assertThrows(IllegalArgumentException.class, () -> s.run(3));
            assertThrows(IllegalArgumentException.class, () -> s.run(0));
            assertThrows(IllegalArgumentException.class, () -> s.setInput(f.x, 0, x, 1));
            IllegalStateException noRun = assertThrows(IllegalStateException.class,
                    () -> s.scalarOutput(f.tp.loss(), 0));
            assertTrue(noRun.getMessage().contains("no run has completed"), noRun.getMessage());
        }
    }

    /**
     * Bitwise equal on the CPU execution provider (the loop body runs the same kernels on the same shapes); within
     * 1e-5 relative elsewhere.
     */
    static void assertClose(float[] want, float[] got, String what) {
        if (OrtTesting.DEVICE.equals("cpu")) {
            assertArrayEquals(want, got, what + ": single steps vs loop, bitwise");
            return;
        }
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            if (!(err <= 1e-5 * Math.max(Math.abs(want[i]), 1e-3))) {
                throw new AssertionError(what + "[" + i + "]: single steps " + want[i] + ", loop " + got[i]);
            }
        }
    }
}
