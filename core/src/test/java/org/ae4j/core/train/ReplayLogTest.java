package org.ae4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Session;
import org.ae4j.core.testing.ForwardingSession;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * A runner whose session cannot revert (it updates in place) rebuilds the last good parameters by rerunning
 * from a saved window, and hands back exactly the values a reverting session gives: at every run of the first
 * windows, across window boundaries, after a reload, and with noise drawn from the generator.
 */
class ReplayLogTest {
    private static final int BATCH = 8;

    /** Reference sessions whose loss turns NaN at run {@code poisonAt} (once); in place: cannot revert. */
    private static final class PoisoningBackend implements Backend {
        private final Backend inner = new ReferenceBackend();
        private final int poisonAt;
        private final boolean inPlace;
        final List<Session> opened = new ArrayList<>();

        PoisoningBackend(int poisonAt, boolean inPlace) {
            this.poisonAt = poisonAt;
            this.inPlace = inPlace;
        }

        @Override
        public String name() {
            return "poisoning";
        }

        @Override
        public String describe() {
            return "reference, NaN loss at run " + poisonAt;
        }

        @Override
        public Session open(Program program) {
            return wrap(inner.open(program), false);
        }

        @Override
        public Session openInPlace(Program program) {
            return wrap(inner.open(program), inPlace);
        }

        private Session wrap(Session s, boolean noRevert) {
            Session w = new ForwardingSession(s) {
                private int runs;
                private boolean poisoned;
                private boolean done;

                @Override
                public void run() {
                    super.run();
                    if (noRevert) {
                        // Keep the parameters as float, as a float32 backend does: the reference keeps doubles,
                        // and a rebuild from float copies must start from exactly what the session holds.
                        for (org.ae4j.core.ir.Node p : program().parameters()) {
                            float[] v = new float[p.shape().size()];
                            inner.getParameter(p, v);
                            inner.setParameter(p, v);
                        }
                    }
                    runs++;
                    poisoned = !done && runs == poisonAt;
                    done |= poisoned;
                }

                @Override
                public float scalarOutput(org.ae4j.core.ir.Node output) {
                    return poisoned ? Float.NaN : super.scalarOutput(output);
                }

                @Override
                public boolean canRevert() {
                    return !noRevert;
                }

                @Override
                public void revert(int n) {
                    if (noRevert) {
                        throw new IllegalStateException("opened in place");
                    }
                    super.revert(n);
                }
            };
            opened.add(w);
            return w;
        }
    }

    /** A corruption that adds uniform noise from the trainer's generator, so replays must redraw it exactly. */
    private static final Corruption JITTER = (x, ctx) -> Ops.add(x, ctx.noise("jitter", x.shape(), (rng, dst) -> {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) (0.1 * rng.nextDouble());
        }
    }));

    private static AutoencoderSpec spec() {
        return TestData.spec().withCorruption(new Component<>("jitter", null, JITTER));
    }

    /**
     * Runs steps until one throws (or {@code stopAfter} have run: then returns null and {@code out[0]} holds the
     * model); reloads the values the runner started from after {@code reloadAfter} runs (0: never).
     */
    private static TrainingDivergedException diverge(int poisonAt, boolean inPlace, int window, int reloadAfter) {
        return run(poisonAt, inPlace, window, reloadAfter, 200, null);
    }

    /** The model after {@code runs} steps (with a reload after {@code reloadAfter}), kept as float. */
    private static Autoencoder after(int runs, int reloadAfter) {
        Autoencoder[] out = new Autoencoder[1];
        run(0, true, 4, reloadAfter, runs, out);
        return out[0];
    }

    private static TrainingDivergedException run(int poisonAt, boolean inPlace, int window, int reloadAfter,
                                                 int stopAfter, Autoencoder[] out) {
        Dataset data = TestData.lowRank(64, 6, 3);
        Autoencoder start = Autoencoder.initialize(spec(), 6, 5);
        PoisoningBackend backend = new PoisoningBackend(poisonAt, inPlace);
        Rng noise = new Rng(9);
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 37) % order.length;
        }
        try (StepRunner r = new StepRunner(backend, start, BATCH, data.min(), data.max(), window)) {
            assertEquals(!inPlace, backend.opened.get(0).canRevert());
            Autoencoder loaded = r.snapshot();
            Trainer.EpochSums sums = new Trainer.EpochSums(r.penaltyNames());
            for (int step = 1; step <= stopAfter; step++) {
                if (step == reloadAfter + 1 && reloadAfter > 0) {
                    r.reload(loaded);
                }
                int from = ((step - 1) * BATCH) % (order.length - BATCH + 1);
                try {
                    r.step(data, order, from, noise, sums, 1, step);
                } catch (TrainingDivergedException e) {
                    assertEquals(poisonAt, step);
                    return e;
                }
            }
            if (out != null) {
                out[0] = r.snapshot();
                return null;
            }
        }
        throw new AssertionError("no divergence at run " + poisonAt);
    }

    private static void assertSame(String what, Autoencoder a, Autoencoder b) {
        assertEquals(a.parameters().keySet(), b.parameters().keySet());
        for (Map.Entry<String, float[]> e : a.parameters().entrySet()) {
            assertArrayEquals(e.getValue(), b.parameters().get(e.getKey()), what + ": " + e.getKey());
        }
        for (Map.Entry<String, float[]> e : a.optimizerState().entrySet()) {
            assertArrayEquals(e.getValue(), b.optimizerState().get(e.getKey()), what + ": state " + e.getKey());
        }
    }

    @Test
    void rebuildsTheValuesOfTwoRunsBackAtEveryRunAcrossWindows() {
        for (int poisonAt = 1; poisonAt <= 14; poisonAt++) {
            // NaN at run N: the last good values are those after run N − 2 (after run 0 at N = 1).
            assertSame("NaN at run " + poisonAt, after(Math.max(0, poisonAt - 2), 0),
                    diverge(poisonAt, true, 4, 0).lastGood());
        }
    }

    @Test
    void aRevertingSessionGivesTheSameRunsBack() {
        // The same rule through revert (the reference session keeps doubles, so only the rule is compared: the
        // values after the same number of runs, within float rounding).
        for (int poisonAt : new int[] {1, 2, 7}) {
            Autoencoder reverted = diverge(poisonAt, false, 4, 0).lastGood();
            Autoencoder rebuilt = diverge(poisonAt, true, 4, 0).lastGood();
            for (Map.Entry<String, float[]> e : reverted.parameters().entrySet()) {
                float[] b = rebuilt.parameters().get(e.getKey());
                for (int i = 0; i < b.length; i++) {
                    assertEquals(e.getValue()[i], b[i], 1e-5, "NaN at run " + poisonAt + ": " + e.getKey());
                }
            }
        }
    }

    @Test
    void neverGoesBackPastAReload() {
        for (int poisonAt = 6; poisonAt <= 9; poisonAt++) {
            // Reloaded with the start values after run 5: j = N − 5 runs since, back min(2, j) of them.
            int kept = (poisonAt - 5) - Math.min(2, poisonAt - 5);
            Autoencoder expected = kept == 0 ? after(0, 0) : after(5 + kept, 5);
            assertSame("reload after 5, NaN at run " + poisonAt, expected, diverge(poisonAt, true, 4, 5).lastGood());
        }
    }

    @Test
    void lastGoodDiffersFromTheStartOnceRunsHaveSucceeded() {
        // Guards the comparisons above against a rebuild that always hands back the start values.
        Autoencoder start = Autoencoder.initialize(spec(), 6, 5);
        Autoencoder after = diverge(9, true, 4, 0).lastGood();
        boolean differs = false;
        for (Map.Entry<String, float[]> e : start.parameters().entrySet()) {
            differs |= !java.util.Arrays.equals(e.getValue(), after.parameters().get(e.getKey()));
        }
        assertTrue(differs, "7 runs changed nothing?");
    }

    @Test
    void aWindowMustHoldAtLeastTwoRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayLog(null, new org.ae4j.core.ir.Node[0], BATCH, 1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
