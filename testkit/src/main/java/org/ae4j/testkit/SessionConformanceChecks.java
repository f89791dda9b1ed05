package org.ae4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Session behaviour, training, allocation and determinism checks of the conformance suite; extended by
 * {@link BackendConformanceSuite}, which supplies the backends.
 */
public abstract class SessionConformanceChecks {
    /** The backend under test, closed after each test. */
    protected abstract Backend backend();

    /** A new backend with the given thread count; the caller closes it. */
    protected abstract Backend backendWithThreads(int threads);

    /**
     * Bytes a run may allocate on the calling thread; 0 (the default) asserts that runs allocate nothing. A backend
     * that must allocate per run (a native runtime's wrappers) returns a bound, or a negative value to skip.
     */
    protected long maxBytesAllocatedPerRun() {
        return 0;
    }

    @Test
    public void trainingATinyAutoencoderHalvesItsLoss() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = backend().open(ae.program)) {
            s.setInput(ae.x, TinyAutoencoder.data(3), 0);
            s.setParameter(ae.w, TinyAutoencoder.initialWeights(4));
            s.run();
            float first = s.scalarOutput(ae.loss);
            float last = first;
            for (int step = 1; step < 200; step++) {
                s.run();
                last = s.scalarOutput(ae.loss);
            }
            assertTrue(Float.isFinite(last), "loss became " + last);
            assertTrue(last < 0.5f * first, "loss went from " + first + " to " + last + " in 200 steps");
        }
    }

    @Test
    public void aTrainingStepMatchesTheReference() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        float[] data = TinyAutoencoder.data(5);
        float[] w0 = TinyAutoencoder.initialWeights(6);
        try (Session s = backend().open(ae.program)) {
            s.setInput(ae.x, data, 0);
            s.setParameter(ae.w, w0);
            s.run();
            float[] w1 = new float[w0.length];
            s.getParameter(ae.w, w1);
            Map<Node, double[]> feeds = Map.of(ae.x, toDouble(data), ae.w, toDouble(w0));
            Node updated = ae.program.updates().get(ae.w);
            Map<Node, double[]> want = ReferenceExecutor.evaluate(List.of(ae.loss, updated), feeds);
            Compare.assertClose("loss", want.get(ae.loss), new float[] {s.scalarOutput(ae.loss)}, Tolerance.SUMS);
            Compare.assertClose("updated W", want.get(updated), w1, Tolerance.SUMS);
        }
    }

    @Test
    public void revertOneRestoresTheParametersBeforeTheLastRun() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = trainingSession(ae)) {
            float[][] w = runAndRecord(s, ae, 3);
            s.revert(1);
            assertArrayEquals(w[2], parameter(s, ae.w), "after revert(1): the weights before run 3");
            s.run();
            assertArrayEquals(w[3], parameter(s, ae.w), "rerunning after revert(1) repeats run 3 exactly");
        }
    }

    @Test
    public void revertTwoRestoresTheParametersBeforeTheLastTwoRuns() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = trainingSession(ae)) {
            float[][] w = runAndRecord(s, ae, 3);
            s.revert(2);
            assertArrayEquals(w[1], parameter(s, ae.w), "after revert(2): the weights before run 2");
        }
    }

    @Test
    public void revertRejectsRunCountsOtherThanOneOrTwo() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = trainingSession(ae)) {
            runAndRecord(s, ae, 3);
            assertThrows(IllegalArgumentException.class, () -> s.revert(0));
            assertThrows(IllegalArgumentException.class, () -> s.revert(3));
        }
    }

    @Test
    public void parametersWithoutUpdatesKeepTheirValuesAcrossRunsAndReverts() {
        Node x = Ops.input("x", Shape.of(2));
        Node fixed = Ops.parameter("fixed", Shape.of(2));
        Node counter = Ops.parameter("counter", Shape.of(2));
        Node out = Ops.add(Ops.mul(x, fixed), counter);
        Program p = Program.of(List.of(out), Map.of(counter, Ops.add(counter, Ops.scalar(1))));
        try (Session s = backend().open(p)) {
            s.setInput(x, new float[] {1, 2}, 0);
            s.setParameter(fixed, new float[] {3, 4});
            s.setParameter(counter, new float[] {10, 20});
            s.run();
            s.run();
            assertArrayEquals(new float[] {12, 22}, parameter(s, counter), "two updates applied");
            float[] got = new float[2];
            s.getOutput(out, got);
            assertArrayEquals(new float[] {3 + 11, 8 + 21}, got, "outputs use the values before the update");
            s.revert(1);
            assertArrayEquals(new float[] {11, 21}, parameter(s, counter), "revert(1) undoes one update");
            assertArrayEquals(new float[] {3, 4}, parameter(s, fixed), "a parameter without update is untouched");
        }
    }

    @Test
    public void setInputWithTooFewValuesNamesTheInputAndTheSizes() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = backend().open(ae.program)) {
            int size = TinyAutoencoder.ROWS * TinyAutoencoder.FEATURES;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.setInput(ae.x, new float[size - 28], 0));
            assertMentions(e, "x", String.valueOf(size), String.valueOf(size - 28));
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> s.setInput(ae.x, new float[size + 2], 5));
            assertMentions(e2, "x", String.valueOf(size));
        }
    }

    @Test
    public void setInputReadsFromTheGivenOffset() {
        Node x = Ops.input("x", Shape.of(3));
        Node y = Ops.mul(x, Ops.scalar(2));
        try (Session s = backend().open(Program.of(List.of(y), Map.of()))) {
            s.setInput(x, new float[] {9, 9, 1, 2, 3, 9}, 2);
            s.run();
            float[] got = new float[3];
            s.getOutput(y, got);
            assertArrayEquals(new float[] {2, 4, 6}, got);
        }
    }

    @Test
    public void setInputRowsGathersTheNamedRowsOfTheSource() {
        // 130 × 256 is big enough for a backend to split the copy across threads; 3 × 4 is not.
        for (int[] dims : new int[][] {{130, 256}, {3, 4}}) {
            int n = dims[0];
            int w = dims[1];
            Node x = Ops.input("x", Shape.of(n, w));
            Node y = Ops.mul(x, Ops.scalar(2));
            int sourceRows = 2 * n + 9;
            float[] src = new float[sourceRows * w];
            for (int i = 0; i < src.length; i++) {
                src[i] = i % 1000 - 500;
            }
            int[] rows = new int[n + 7];
            java.util.Random rnd = new java.util.Random(n);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rnd.nextInt(sourceRows);
            }
            float[] want = new float[n * w];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < w; j++) {
                    want[i * w + j] = 2 * src[rows[5 + i] * w + j];
                }
            }
            try (Session s = backend().open(Program.of(List.of(y), Map.of()))) {
                s.setInputRows(x, src, rows, 5);
                s.run();
                float[] got = new float[n * w];
                s.getOutput(y, got);
                assertArrayEquals(want, got, n + " rows of " + w);
            }
        }
    }

    @Test
    public void setInputRowsNamesTheInputAndTheBadIndex() {
        Node x = Ops.input("x", Shape.of(2, 3));
        Node y = Ops.mul(x, Ops.scalar(2));
        try (Session s = backend().open(Program.of(List.of(y), Map.of()))) {
            float[] src = new float[4 * 3];
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> s.setInputRows(x, src, new int[] {0, 4}, 0)), "x", "4", "position 1", "4 rows");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> s.setInputRows(x, src, new int[] {-1, 0}, 0)), "x", "-1", "position 0");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> s.setInputRows(x, src, new int[] {0, 1, 2}, 2)), "x", "expected 2", "length 3");
            Node v = Ops.input("v", Shape.of(6));
            try (Session s1 = backend().open(Program.of(List.of(Ops.mul(v, Ops.scalar(2))), Map.of()))) {
                assertMentions(assertThrows(IllegalArgumentException.class,
                        () -> s1.setInputRows(v, src, new int[] {0}, 0)), "v", "two-dimensional");
            }
        }
    }

    @Test
    public void setParameterWithTheWrongLengthNamesTheParameterAndTheSizes() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session s = backend().open(ae.program)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.setParameter(ae.w, new float[5]));
            assertMentions(e, "W", "24", "5");
            assertThrows(IllegalArgumentException.class, () -> s.getParameter(ae.w, new float[23]));
        }
    }

    @Test
    public void nodesOutsideTheProgramAreRejectedByName() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        Node stranger = Ops.input("stranger", Shape.of(2));
        Node alien = Ops.parameter("alien", Shape.of(2));
        try (Session s = backend().open(ae.program)) {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> s.setInput(stranger, new float[2], 0)),
                    "stranger");
            assertMentions(assertThrows(IllegalArgumentException.class, () -> s.setParameter(alien, new float[2])),
                    "alien");
            s.run();
            assertThrows(IllegalArgumentException.class, () -> s.getOutput(stranger, new float[2]));
        }
    }

    @Test
    public void outputsFollowTheLatestInputs() {
        Node x = Ops.input("x", Shape.of(2, 2));
        Node y = Ops.tanh(Ops.matmul(x, x));
        try (Session s = backend().open(Program.of(List.of(y), Map.of()))) {
            float[] first = new float[4];
            float[] second = new float[4];
            s.setInput(x, new float[] {1, 0, 0, 1}, 0);
            s.run();
            s.getOutput(y, first);
            s.setInput(x, new float[] {0, 1, 1, 0}, 0);
            s.run();
            s.getOutput(y, second);
            float t = (float) Math.tanh(1);
            assertArrayEquals(new float[] {t, 0, 0, t}, first, 1e-6f);
            assertArrayEquals(new float[] {t, 0, 0, t}, second, 1e-6f, "x·x is the identity for both");
            s.setInput(x, new float[] {2, 0, 0, 0}, 0);
            s.run();
            s.getOutput(y, second);
            assertArrayEquals(new float[] {(float) Math.tanh(4), 0, 0, 0}, second, 1e-6f);
        }
    }

    @Test
    public void runsAllocateNothing() {
        long perRun = maxBytesAllocatedPerRun();
        Assumptions.assumeTrue(perRun >= 0, "this backend allocates per run by design");
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        TinyAutoencoder ae = new TinyAutoencoder(0.1);
        try (Session s = trainingSession(ae)) {
            float[] batch = TinyAutoencoder.data(9);
            for (int i = 0; i < 2000; i++) {
                s.setInput(ae.x, batch, 0);
                s.run();
            }
            int runs = 1000;
            long before = mx.getCurrentThreadAllocatedBytes();
            float sink = 0;
            for (int i = 0; i < runs; i++) {
                s.setInput(ae.x, batch, 0);
                s.run();
                sink += s.scalarOutput(ae.loss);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(Float.isFinite(sink));
            long bound = 4096 + perRun * runs;
            assertTrue(allocated <= bound, runs + " runs allocated " + allocated + " bytes (bound " + bound + ")");
        }
    }

    @Test
    public void repeatedRunsGiveBitwiseIdenticalResults() {
        Node a = Ops.input("a", Shape.of(70, 130));
        Node b = Ops.input("b", Shape.of(130, 90));
        Node y = Ops.reduceSum(Ops.tanh(Ops.matmul(a, b)), false, 1);
        Map<Node, double[]> feeds = Map.of(a, new Values(1).uniform(a.shape(), -1, 1),
                b, new Values(2).uniform(b.shape(), -1, 1));
        try (Session s = backend().open(Program.of(List.of(y), Map.of()))) {
            Runs.feed(s, feeds);
            float[] first = new float[70];
            float[] again = new float[70];
            s.run();
            s.getOutput(y, first);
            for (int i = 0; i < 3; i++) {
                s.run();
                s.getOutput(y, again);
                Compare.assertBitwiseEqual("run " + (i + 2), first, again);
            }
        }
    }

    @Test
    public void resultsAreBitwiseIdenticalWithOneAndTwoThreads() {
        int m = 160;
        int k = 300;
        int n = 520;
        try (Backend one = backendWithThreads(1); Backend two = backendWithThreads(2)) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                Node a = Ops.input("a", ta ? Shape.of(k, m) : Shape.of(m, k));
                Node b = Ops.input("b", tb ? Shape.of(n, k) : Shape.of(k, n));
                Node y = Ops.matmul(a, b, ta, tb);
                Node z = Ops.tanh(y);
                Node g = Autodiff.gradient(Ops.sumAll(Ops.mul(z, z)), a);
                Map<Node, double[]> feeds = Map.of(a, new Values(11 + t).uniform(a.shape(), -1, 1),
                        b, new Values(21 + t).uniform(b.shape(), -1, 1));
                List<float[]> r1 = Runs.evaluate(one, List.of(y, g), feeds);
                List<float[]> r2 = Runs.evaluate(two, List.of(y, g), feeds);
                Compare.assertBitwiseEqual("matmul transA=" + ta + " transB=" + tb, r1.get(0), r2.get(0));
                Compare.assertBitwiseEqual("its gradient, transA=" + ta + " transB=" + tb, r1.get(1), r2.get(1));
            }
        }
    }

    @Test
    public void aSessionOpenedInPlaceComputesWhatAnOrdinaryOneDoes() {
        TinyAutoencoder ae = new TinyAutoencoder(0.5);
        try (Session ordinary = trainingSession(ae); Session inPlace = backend().openInPlace(ae.program)) {
            inPlace.setInput(ae.x, TinyAutoencoder.data(7), 0);
            inPlace.setParameter(ae.w, TinyAutoencoder.initialWeights(8));
            for (int run = 1; run <= 5; run++) {
                ordinary.run();
                inPlace.run();
                assertEquals(ordinary.scalarOutput(ae.loss), inPlace.scalarOutput(ae.loss), "loss of run " + run);
                assertArrayEquals(parameter(ordinary, ae.w), parameter(inPlace, ae.w), "W after run " + run);
            }
            if (!inPlace.canRevert()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> inPlace.revert(1));
                assertTrue(String.valueOf(e.getMessage()).contains("revert"), e.getMessage());
            } else {
                inPlace.revert(1);
                ordinary.revert(1);
                assertArrayEquals(parameter(ordinary, ae.w), parameter(inPlace, ae.w), "W after revert(1)");
            }
        }
    }

    private Session trainingSession(TinyAutoencoder ae) {
        Session s = backend().open(ae.program);
        s.setInput(ae.x, TinyAutoencoder.data(7), 0);
        s.setParameter(ae.w, TinyAutoencoder.initialWeights(8));
        return s;
    }

    /** w[0] = before the first run, w[i] = after run i. */
    private static float[][] runAndRecord(Session s, TinyAutoencoder ae, int runs) {
        float[][] w = new float[runs + 1][];
        w[0] = parameter(s, ae.w);
        for (int i = 1; i <= runs; i++) {
            s.run();
            w[i] = parameter(s, ae.w);
            assertTrue(!java.util.Arrays.equals(w[i], w[i - 1]), "run " + i + " changed W");
        }
        return w;
    }

    private static float[] parameter(Session s, Node p) {
        float[] v = new float[p.shape().size()];
        s.getParameter(p, v);
        return v;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void assertMentions(Exception e, String... parts) {
        String msg = String.valueOf(e.getMessage());
        for (String part : parts) {
            assertTrue(msg.contains(part), "message should mention '" + part + "': " + msg);
        }
        assertEquals(IllegalArgumentException.class, e.getClass());
    }
}
