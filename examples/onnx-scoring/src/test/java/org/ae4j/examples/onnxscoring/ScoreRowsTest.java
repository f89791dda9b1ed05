package org.ae4j.examples.onnxscoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Loss;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScoreRows, with ONNX Runtime only, gives the scores ae4j computes: a model is trained and exported with ae4j
 * (test scope), and its test rows written to a CSV file.
 */
class ScoreRowsTest {
    private static final int D = 8;

    @TempDir
    static Path dir;
    private static Autoencoder model;
    private static Dataset test;
    private static Path modelFile;
    private static Path csv;

    @BeforeAll
    static void exportAModel() throws Exception {
        PluginRegistry registry = new PluginRegistry();
        AutoencoderSpec spec = new AutoencoderSpec(
                registry.create(PluginKind.ENCODER, Encoder.class, "dense:units=3,activations=sigmoid"),
                registry.create(PluginKind.DECODER, Decoder.class, "dense:mirror=true,output=sigmoid"),
                Loss.SQUARED_ERROR, List.of(), null, Optimizer.parse("adam:lr=0.02"));
        Dataset train = data("training rows", 120, 1);
        test = data("test rows", 25, 2);
        Autoencoder start = Autoencoder.initialize(spec, D, 3)
                .withNormalization(Normalization.fit(Normalization.Kind.MIN_MAX, train));
        model = new Trainer(new ReferenceBackend()).fit(start, train,
                TrainingConfig.defaults().withEpochs(5).withBatchSize(20).withSeed(3)).model();
        modelFile = dir.resolve("model.onnx");
        OnnxModelIO.save(model, modelFile, Map.of("dataset", "generated"));
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < D; j++) {
            sb.append(j == 0 ? "" : ",").append("f").append(j);
        }
        sb.append('\n');
        for (int r = 0; r < test.rows(); r++) {
            for (int j = 0; j < D; j++) {
                sb.append(j == 0 ? "" : ",").append(test.values()[r * D + j]);
            }
            sb.append('\n');
        }
        csv = dir.resolve("rows.csv");
        Files.writeString(csv, sb.toString());
    }

    /** Rows of two correlated features families in raw units far from [0, 1] (temperatures, say). */
    private static Dataset data(String source, int rows, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[rows * D];
        for (int r = 0; r < rows; r++) {
            double a = rng.nextDouble();
            for (int j = 0; j < D; j++) {
                v[r * D + j] = (float) (15 + 10 * (j % 2 == 0 ? a : 1 - a) + 0.5 * rng.nextGaussian());
            }
        }
        return new Dataset(source, v, rows, D);
    }

    @Test
    void scoresEqualTheScoresAe4jComputes() throws Exception {
        float[] expected = model.score(new ReferenceBackend(), test);
        float[] actual = ScoreRows.score(modelFile, ScoreRows.readCsv(csv));
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= 1e-5 * (1 + Math.abs(expected[i])), "row " + i + ": ae4j " + expected[i]
                    + ", ScoreRows " + actual[i]);
        }
    }

    @Test
    void mainRunsWithOnlyOnnxRuntimeOnTheClassPath() throws Exception {
        String classes = Path.of(ScoreRows.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String ort = Path.of(OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + ort, ScoreRows.class.getName(), modelFile.toString(),
                csv.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ScoreRows finished");
        assertEquals(0, p.exitValue(), () -> "ScoreRows failed: " + read(err));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("row,score", lines.get(0));
        float[] expected = model.score(new ReferenceBackend(), test);
        List<Float> printed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            printed.add(Float.parseFloat(line.split(",")[1]));
        }
        assertEquals(expected.length, printed.size());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(printed.get(i) - expected[i]) <= 1e-5 * (1 + Math.abs(expected[i])),
                    "row " + i + ": ae4j " + expected[i] + ", printed " + printed.get(i));
        }
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreRows.score(modelFile, List.of(new float[D], new float[D - 1])));
        assertTrue(e.getMessage().contains("row 1: the model expects 8 values, got 7"), e.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
