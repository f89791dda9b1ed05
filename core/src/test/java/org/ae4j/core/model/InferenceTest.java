package org.ae4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Inference.Output;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.ae4j.core.testing.ForwardingSession;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Inference computes, and copies out, only the outputs asked for, with the values of the all-outputs run. */
class InferenceTest {
    private static final int D = 6;
    private static final int K = 3;
    /** Two full batches and a partial last one. */
    private static final int ROWS = 2 * Inference.BATCH + 37;

    /** The reference backend, recording every program it compiles and every session it closes. */
    static final class RecordingBackend implements Backend {
        final ReferenceBackend inner = new ReferenceBackend();
        final List<Program> opened = new ArrayList<>();
        int closed;
        int runs;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String describe() {
            return "reference executor, recording";
        }

        @Override
        public Session open(Program program) {
            opened.add(program);
            return new ForwardingSession(inner.open(program)) {
                @Override
                public void run() {
                    runs++;
                    inner.run();
                }

                @Override
                public void close() {
                    closed++;
                    inner.close();
                }
            };
        }

        /** The batch sizes of the programs compiled so far. */
        List<Integer> batches() {
            return opened.stream().map(p -> p.inputs().get(0).shape().dim(0)).toList();
        }
    }

    private static Autoencoder model(boolean normalized) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(4, K), List.of(Activation.TANH, Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.TANH), Activation.SIGMOID, true);
        AutoencoderSpec spec = new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null,
                new Adam(0.01, 0.9, 0.999, 1e-8));
        Autoencoder m = Autoencoder.initialize(spec, D, 11);
        return normalized ? m.withNormalization(Normalization.fit(Normalization.Kind.Z_SCORE, data(ROWS, 2))) : m;
    }

    private static Dataset data(int rows, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[rows * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.5 + 0.3 * rng.nextGaussian());
        }
        return new Dataset("generated", v, rows, D);
    }

    /** Every non-empty subset of the outputs. */
    private static List<Set<Output>> subsets() {
        List<Set<Output>> out = new ArrayList<>();
        Output[] all = Output.values();
        for (int mask = 1; mask < 1 << all.length; mask++) {
            Set<Output> s = EnumSet.noneOf(Output.class);
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(all[i]);
                }
            }
            out.add(s);
        }
        return out;
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @ParameterizedTest
    @EnumSource(Output.class)
    void oneOutputIsTheOnlyOutputOfEveryProgramCompiled(Output output) {
        Autoencoder m = model(false);
        RecordingBackend b = new RecordingBackend();
        Inference inf = Inference.run(m, b, data(ROWS, 1), output);
        assertEquals(List.of(Inference.BATCH, 37), b.batches(), "a program for the full batches and one for the tail");
        assertEquals(2, b.closed, "both sessions closed");
        for (Program p : b.opened) {
            assertEquals(1, p.outputs().size(), p.outputs()::toString);
            Node out = p.outputs().get(0);
            int batch = p.inputs().get(0).shape().dim(0);
            switch (output) {
                case CODE -> {
                    assertEquals(List.of(batch, K), dims(out));
                    assertTrue(p.parameters().stream().allMatch(n -> n.name().startsWith("encoder.")),
                            "the code program has no decoder parameters, so never runs the decoder: "
                                    + p.parameters());
                }
                case RECONSTRUCTION -> assertEquals(List.of(batch, D), dims(out));
                case SCORE -> assertEquals(List.of(batch), dims(out));
                case LOSS -> assertEquals(List.of(), dims(out));
            }
        }
        assertEquals(EnumSet.of(output), inf.outputs());
        for (Output o : Output.values()) {
            assertEquals(o == output, inf.has(o), o::toString);
        }
    }

    private static List<Integer> dims(Node n) {
        List<Integer> d = new ArrayList<>();
        for (int i = 0; i < n.shape().rank(); i++) {
            d.add(n.shape().dim(i));
        }
        return d;
    }

    @Test
    void theAllOutputsProgramIsTheModelGraphsInferenceProgram() {
        RecordingBackend b = new RecordingBackend();
        Inference inf = Inference.run(model(false), b, data(10, 1));
        assertEquals(Inference.ALL, inf.outputs());
        Program want = ModelGraph.inference(model(false).spec(), D, 10).inferenceProgram();
        Program got = b.opened.get(0);
        assertEquals(want.outputs().size(), got.outputs().size());
        for (int i = 0; i < want.outputs().size(); i++) {
            assertEquals(want.outputs().get(i).op(), got.outputs().get(i).op(), "output " + i);
            assertEquals(want.outputs().get(i).shape(), got.outputs().get(i).shape(), "output " + i);
        }
        assertEquals(want.schedule().size(), got.schedule().size(), "the same nodes");
    }

    @Test
    void theAccessorOfAnOutputNotRequestedSaysSo() {
        Inference inf = Inference.run(model(false), new ReferenceBackend(), data(5, 1), Output.SCORE);
        assertEquals(5, inf.scores().length);
        IllegalStateException e = assertThrows(IllegalStateException.class, inf::codes);
        assertTrue(e.getMessage().contains("codes were not computed") && e.getMessage().contains("[SCORE]")
                && e.getMessage().contains("CODE"), e.getMessage());
        assertThrows(IllegalStateException.class, inf::reconstructions);
        e = assertThrows(IllegalStateException.class, inf::meanLoss);
        assertTrue(e.getMessage().contains("LOSS"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everySubsetOfOutputsHasTheValuesOfTheAllOutputsRunBitForBit(boolean normalized) {
        Autoencoder m = model(normalized);
        Dataset raw = data(ROWS, 1);
        Inference all = Inference.run(m, new ReferenceBackend(), raw);
        for (Set<Output> s : subsets()) {
            RecordingBackend b = new RecordingBackend();
            Inference some = Inference.run(m, b, raw, s);
            assertEquals(s, some.outputs());
            for (Program p : b.opened) {
                assertEquals(s.size(), p.outputs().size(), "only the requested outputs are compiled: " + s);
            }
            if (s.contains(Output.CODE)) {
                assertArrayEquals(all.codes(), some.codes(), "codes of " + s);
            }
            if (s.contains(Output.RECONSTRUCTION)) {
                assertArrayEquals(all.reconstructions(), some.reconstructions(), "reconstructions of " + s);
            }
            if (s.contains(Output.SCORE)) {
                assertArrayEquals(all.scores(), some.scores(), "scores of " + s);
            }
            if (s.contains(Output.LOSS)) {
                assertSameBits(all.meanLoss(), some.meanLoss(), "mean loss of " + s);
            }
        }
    }

    @Test
    void theModelsOwnMethodsComputeOneOutputEach() {
        Autoencoder m = model(true);
        Dataset raw = data(ROWS, 3);
        Inference all = Inference.run(m, new ReferenceBackend(), raw);
        RecordingBackend b = new RecordingBackend();
        assertArrayEquals(all.codes(), m.encode(b, raw));
        assertArrayEquals(all.reconstructions(), m.reconstruct(b, raw));
        assertArrayEquals(all.scores(), m.score(b, raw));
        assertSameBits(all.meanLoss(), m.loss(b, raw), "loss");
        assertTrue(b.opened.stream().allMatch(p -> p.outputs().size() == 1), "one output per program");
    }

    @Test
    void theRowsOfAPartialLastBatchAreThoseOfTheRowsRunAlone() {
        // the reference executor computes each row in double whatever the batch, so a row's values do not depend
        // on the batch it is in: the tail rows must come out as when each is run alone
        Autoencoder m = model(true);
        Dataset raw = data(ROWS, 4);
        Inference inf = Inference.run(m, new ReferenceBackend(), raw, Output.CODE, Output.SCORE);
        for (int r = 2 * Inference.BATCH - 2; r < ROWS; r++) {
            Inference one = Inference.run(m, new ReferenceBackend(), raw.slice(r, r + 1), Output.CODE, Output.SCORE);
            assertArrayEquals(one.codes(), Arrays.copyOfRange(inf.codes(), r * K, (r + 1) * K), "codes of row " + r);
            assertEquals(one.scores()[0], inf.scores()[r], 0f, "score of row " + r);
        }
    }

    @Test
    void aRunnerCompilesOncePerBatchSizeAcrossChunksAndWritesAtTheRowAskedFor() {
        Autoencoder m = model(true);
        Dataset raw = data(ROWS, 5);
        Inference all = Inference.run(m, new ReferenceBackend(), raw);
        RecordingBackend b = new RecordingBackend();
        float[] codes = new float[(ROWS + 1) * K];
        Arrays.fill(codes, Float.NaN);
        double lossSum = 0;
        int[] cuts = {0, Inference.BATCH, 2 * Inference.BATCH, ROWS};
        try (Inference.Runner r = Inference.runner(m, b, EnumSet.of(Output.CODE, Output.LOSS))) {
            assertEquals(EnumSet.of(Output.CODE, Output.LOSS), r.outputs());
            for (int i = 0; i + 1 < cuts.length; i++) {
                Dataset chunk = raw.slice(cuts[i], cuts[i + 1]);
                lossSum += r.run(chunk, cuts[i], codes, null, null) * chunk.rows();
            }
            assertEquals(List.of(Inference.BATCH, 37), b.batches(), "compiled once per batch size, not per chunk");
            assertEquals(0, b.closed, "sessions are kept between chunks");
            Inference again = r.run(raw);
            assertArrayEquals(all.codes(), again.codes());
            assertSameBits(all.meanLoss(), again.meanLoss(), "loss");
            assertEquals(List.of(Inference.BATCH, 37), b.batches(), "no program compiled again");
            r.run(raw.slice(0, 5));
            assertEquals(List.of(Inference.BATCH, 37, 5), b.batches());
            assertEquals(1, b.closed, "the tail program of the other size is released");
        }
        assertEquals(3, b.closed, "closing the runner closes its sessions");
        assertArrayEquals(all.codes(), Arrays.copyOf(codes, ROWS * K), "chunks at their rows give the one-shot codes");
        for (int i = ROWS * K; i < codes.length; i++) {
            assertTrue(Float.isNaN(codes[i]), "nothing written past the rows");
        }
        assertEquals(all.meanLoss(), lossSum / ROWS, 1e-6 * all.meanLoss(), "chunk losses average to the mean");
    }

    @Test
    void aRunnerReusesCallerArraysLongerThanTheRows() {
        Autoencoder m = model(false);
        Dataset raw = data(ROWS, 6);
        Inference all = Inference.run(m, new ReferenceBackend(), raw);
        float[] scores = new float[ROWS];
        float[] recon = new float[ROWS * D];
        try (Inference.Runner r = Inference.runner(m, new ReferenceBackend(),
                EnumSet.of(Output.SCORE, Output.RECONSTRUCTION))) {
            assertTrue(Double.isNaN(r.run(raw, 0, null, recon, scores)), "no loss asked for");
            assertArrayEquals(all.scores(), scores);
            assertArrayEquals(all.reconstructions(), recon);
            r.run(raw.slice(0, 10), 0, null, recon, scores);
            assertArrayEquals(Arrays.copyOf(all.scores(), 10), Arrays.copyOf(scores, 10));
        }
    }

    @Test
    void badRequestsFailWithOneClearMessage() {
        Autoencoder m = model(false);
        Backend b = new ReferenceBackend();
        Dataset raw = data(20, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inference.run(m, b, raw, EnumSet.noneOf(Output.class)));
        assertTrue(e.getMessage().contains("expected at least one of [CODE, RECONSTRUCTION, SCORE, LOSS]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Inference.run(m, b, new Dataset("narrow", new float[20 * 5], 20, 5), Output.CODE));
        assertTrue(e.getMessage().contains("expects rows of 6 features") && e.getMessage().contains("narrow"),
                e.getMessage());
        try (Inference.Runner r = Inference.runner(m, b, EnumSet.of(Output.SCORE))) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> r.run(raw, 0, new float[20 * K], null, new float[20]));
            assertTrue(e.getMessage().contains("codes: an array was given") && e.getMessage().contains("[SCORE]"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> r.run(raw, 0, null, null, null));
            assertTrue(e.getMessage().contains("scores: expected an array for SCORE"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> r.run(raw, 5, null, null, new float[20]));
            assertTrue(e.getMessage().contains("scores: expected at least 25 floats"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> r.run(raw, -1, null, null, new float[20]));
            assertTrue(e.getMessage().contains("atRow"), e.getMessage());
            r.close();
            assertThrows(IllegalStateException.class, () -> r.run(raw));
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> new Inference(new float[3], null, null, 1, EnumSet.of(Output.CODE, Output.SCORE)));
        assertTrue(e.getMessage().contains("scores: missing"), e.getMessage());
    }

    @Test
    void aNormalizationThatOverflowsIsReportedWithItsRowAndColumn() {
        float[] shift = new float[D];
        float[] scale = new float[D];
        Arrays.fill(scale, 1f);
        scale[2] = 1e30f;
        Autoencoder m = model(false).withNormalization(new Normalization(Normalization.Kind.Z_SCORE, shift, scale));
        float[] v = new float[3 * D];
        v[D + 2] = 1e10f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inference.run(m, new ReferenceBackend(), new Dataset("big", v, 3, D), Output.CODE));
        assertTrue(e.getMessage().contains("big: row 1, column 2: expected a finite number"), e.getMessage());
    }
}
