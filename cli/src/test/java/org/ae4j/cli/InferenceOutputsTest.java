package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.model.Inference.Output;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the real backends, asking for fewer outputs changes which program is compiled (the CPU backend fuses
 * differently when the reconstruction is not an output) but never the values; and the commands that apply a model
 * write exactly the values of the all-outputs run.
 */
class InferenceOutputsTest {
    private static final PluginRegistry REGISTRY = new PluginRegistry();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** A z-scored model saved by {@code train --out}, and the same read back. */
    static Path file;
    static Autoencoder model;

    @BeforeAll
    static void trainOnce() throws Exception {
        file = shared.resolve("z.onnx");
        Cli.Run r = Cli.run("train", "--limit", "512", "--epochs", "1", "--no-progress", "--normalization", "z-score",
                "--layers", "32,16", "--out", file.toString());
        assertEquals(0, r.code(), r::toString);
        model = new OnnxModelFiles().load(file).model();
        assertTrue(!model.normalization().isIdentity(), "a normalized model");
    }

    /** Two full batches and a partial last one of embedded test rows. */
    private static Dataset rows() {
        return Datasets.source("embedded").load(Split.TEST, 2 * Inference.BATCH + 37);
    }

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

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "cpu:threads=1", "onnxruntime"})
    void everySubsetOfOutputsHasTheValuesOfTheAllOutputsRunBitForBit(String backend) {
        Dataset raw = rows();
        try (Backend b = Backends.create(REGISTRY, backend, 2)) {
            Inference all = Inference.run(model, b, raw);
            for (Set<Output> s : subsets()) {
                Inference some = Inference.run(model, b, raw, s);
                String what = backend + ", " + s;
                if (s.contains(Output.CODE)) {
                    assertArrayEquals(all.codes(), some.codes(), "codes, " + what);
                }
                if (s.contains(Output.RECONSTRUCTION)) {
                    assertArrayEquals(all.reconstructions(), some.reconstructions(), "reconstructions, " + what);
                }
                if (s.contains(Output.SCORE)) {
                    assertArrayEquals(all.scores(), some.scores(), "scores, " + what);
                }
                if (s.contains(Output.LOSS)) {
                    assertEquals(Double.doubleToLongBits(all.meanLoss()), Double.doubleToLongBits(some.meanLoss()),
                            "mean loss, " + what);
                }
            }
        }
    }

    @Test
    void theNormalizationAppliedBatchByBatchIsTheDatasetsOne() {
        // the runner normalizes each batch itself; running the pre-normalized rows on the bare model is the old way
        Dataset raw = rows();
        Autoencoder bare = model.withNormalization(Normalization.none());
        try (Backend b = Backends.create(REGISTRY, "cpu", 0)) {
            Inference viaRunner = Inference.run(model, b, raw);
            Inference viaDataset = Inference.run(bare, b, model.normalization().apply(raw));
            assertArrayEquals(viaDataset.codes(), viaRunner.codes());
            assertArrayEquals(viaDataset.reconstructions(), viaRunner.reconstructions());
            assertArrayEquals(viaDataset.scores(), viaRunner.scores());
            assertEquals(viaDataset.meanLoss(), viaRunner.meanLoss(), 0.0);
        }
    }

    @Test
    void encodeReconstructAndScoreWriteTheAllOutputsValuesOverSeveralChunks() throws Exception {
        // more rows than a chunk: the second chunk is shorter, so reuses longer arrays and a tail program
        Dataset train = Datasets.source("embedded").load(Split.TRAIN, 4000);
        int rows = Scoring.CHUNK + 2 * Inference.BATCH + 37;
        float[] v = new float[rows * 784];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(train.values(), (r % 4000) * 784, v, r * 784, 784);
        }
        Path data = dir.resolve("rows.npy");
        org.ae4j.datasets.NpyWriter.write(data, v, rows, 784);
        Dataset raw = new Dataset("rows", v, rows, 784);
        Inference all;
        try (Backend b = Backends.create(REGISTRY, "cpu", 0)) {
            all = Inference.run(model, b, raw);
        }
        Path codes = dir.resolve("codes.npy");
        Path recon = dir.resolve("recon.npy");
        Path scores = dir.resolve("scores.npy");
        Cli.Run e = Cli.run("encode", "--model", file.toString(), "--data", data.toString(), "--out", codes.toString());
        assertEquals(0, e.code(), e::toString);
        assertArrayEquals(all.codes(), Datasets.load(codes.toString(), Split.TRAIN).values(), "encode");
        Cli.Run s = Cli.run("score", "--model", file.toString(), "--data", data.toString(), "--threshold", "100",
                "--out", scores.toString());
        assertEquals(0, s.code(), s::toString);
        float[] table = Datasets.load(scores.toString(), Split.TRAIN).values();
        long flagged = 0;
        for (int r = 0; r < rows; r++) {
            assertEquals(all.scores()[r], table[2 * r], 0f, "score of row " + r);
            assertEquals(all.scores()[r] > 100 ? 1f : 0f, table[2 * r + 1], "anomaly flag of row " + r);
            flagged += all.scores()[r] > 100 ? 1 : 0;
        }
        assertTrue(s.out().contains("; " + flagged + " above the threshold 100.0"), s::toString);
        Cli.Run c = Cli.run("reconstruct", "--model", file.toString(), "--data", data.toString(), "--out",
                recon.toString());
        assertEquals(0, c.code(), c::toString);
        float[] want = all.reconstructions().clone();
        Scoring.denormalize(model, want, rows);
        assertArrayEquals(want, Datasets.load(recon.toString(), Split.TRAIN).values(), "reconstruct");
    }
}
