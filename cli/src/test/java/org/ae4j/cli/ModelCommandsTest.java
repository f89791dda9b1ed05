package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ae4j.backend.ort.ModelPart;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.data.Dataset;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encode, reconstruct, score, eval, report and export, all from one model saved by {@code train --out}. */
class ModelCommandsTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("m.onnx");
        Cli.Run r = Cli.run("train", "--limit", "512", "--epochs", "1", "--no-progress", "--validation", "0.25",
                "--out", model.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("anomaly threshold: "), r::toString);
    }

    /** A CSV text with a header: the header, then one array per row. */
    record Table(List<String> header, List<double[]> rows) {
        static Table parse(String text) {
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            List<double[]> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] cells = l.split(",");
                double[] v = new double[cells.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(cells[i]);
                }
                rows.add(v);
            }
            return new Table(List.of(lines.get(0).split(",")), rows);
        }
    }

    @Test
    void scorePrintsScoreAndAnomalyColumnsAsCsv() {
        Cli.Run r = Cli.run("score", "--model", model.toString(), "--split", "test", "--limit", "5");
        assertEquals(0, r.code(), r::toString);
        Table t = Table.parse(r.out());
        assertEquals(List.of("score", "anomaly"), t.header());
        assertEquals(5, t.rows().size());
        for (double[] row : t.rows()) {
            assertTrue(row[0] > 0, "a positive reconstruction error");
            assertTrue(row[1] == 0 || row[1] == 1);
        }
        assertTrue(r.err().contains("scored: 5 rows of "), r::toString);
    }

    @Test
    void theStoredThresholdFlagsAboutOnePercentOfTheTrainingRows() throws Exception {
        Map<String, String> meta = new OnnxModelFiles().load(model).metadata();
        assertEquals("99", meta.get(ModelFiles.THRESHOLD_PERCENTILE));
        assertEquals("512", meta.get(ModelFiles.THRESHOLD_ROWS));
        Path out = dir.resolve("scores.csv");
        Cli.Run r = Cli.run("score", "--model", model.toString(), "--split", "train", "--limit", "512", "--out",
                out.toString());
        assertEquals(0, r.code(), r::toString);
        Table t = Table.parse(Files.readString(out));
        assertEquals(512, t.rows().size());
        long flagged = t.rows().stream().filter(row -> row[1] == 1).count();
        assertTrue(flagged >= 3 && flagged <= 7, "about 1% of 512 rows flagged, got " + flagged);
        double threshold = Double.parseDouble(meta.get(ModelFiles.THRESHOLD));
        for (double[] row : t.rows()) {
            assertEquals(row[0] > threshold ? 1.0 : 0.0, row[1], "anomaly = score above the threshold");
        }
        assertTrue(r.out().contains(flagged + " above the threshold"), r::toString);
    }

    @Test
    void thresholdPercentileSetsTheFlaggedFraction() throws Exception {
        Path m90 = dir.resolve("m90.onnx");
        Cli.Run t = Cli.run("train", "--limit", "512", "--epochs", "1", "--no-progress", "--threshold-percentile", "90",
                "--out", m90.toString());
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains("(the 90th percentile of the 512 training rows' scores)"), t::toString);
        Cli.Run r = Cli.run("score", "--model", m90.toString(), "--split", "train", "--limit", "512");
        assertEquals(0, r.code(), r::toString);
        long flagged = Table.parse(r.out()).rows().stream().filter(row -> row[1] == 1).count();
        assertTrue(flagged >= 45 && flagged <= 56, "about 10% of 512 rows flagged, got " + flagged);
    }

    @Test
    void dataOfSeveralChunksIsScoredRowByRowInOrder() throws Exception {
        Dataset train = Datasets.source("embedded").load(Split.TRAIN, 4000);
        int rows = Scoring.CHUNK + 100;
        float[] v = new float[rows * 784];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(train.values(), (r % 4000) * 784, v, r * 784, 784);
        }
        Path big = dir.resolve("big.npy");
        org.ae4j.datasets.NpyWriter.write(big, v, rows, 784);
        Path out = dir.resolve("scores.npy");
        Cli.Run r = Cli.run("score", "--model", model.toString(), "--data", big.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        float[] s = Datasets.load(out.toString(), Split.TRAIN).values();
        assertEquals(2 * rows, s.length);
        for (int i = 4000; i < rows; i++) {
            assertEquals(s[2 * (i % 4000)], s[2 * i], 1e-4 * s[2 * i], "row " + i + " is row " + (i % 4000) + " again");
        }
    }

    @Test
    void anExplicitThresholdOverridesTheStoredOne() {
        Cli.Run r = Cli.run("score", "--model", model.toString(), "--limit", "20", "--threshold", "0");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Table.parse(r.out()).rows().stream().allMatch(row -> row[1] == 1), r::toString);
    }

    @Test
    void encodeWritesOneCodeRowPerInputRowAsNpy() throws Exception {
        Path out = dir.resolve("codes.npy");
        Cli.Run r = Cli.run("encode", "--model", model.toString(), "--limit", "300", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        Dataset codes = Datasets.load(out.toString(), Split.TRAIN);
        assertEquals(300, codes.rows());
        assertEquals(64, codes.cols());
        for (float v : codes.values()) {
            assertTrue(v > 0 && v < 1, "sigmoid codes");
        }
        assertTrue(r.out().startsWith("encoded: 300 rows of "), r::toString);
    }

    @Test
    void encodeToStandardOutputMatchesTheNpyFile() throws Exception {
        Path out = dir.resolve("codes.npy");
        assertEquals(0, Cli.run("encode", "--model", model.toString(), "--limit", "3", "--out", out.toString()).code());
        Cli.Run r = Cli.run("encode", "--model", model.toString(), "--limit", "3");
        assertEquals(0, r.code(), r::toString);
        Table t = Table.parse(r.out());
        assertEquals("code_0", t.header().get(0));
        assertEquals("code_63", t.header().get(63));
        float[] npy = Datasets.load(out.toString(), Split.TRAIN).values();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 64; j++) {
                assertEquals(npy[i * 64 + j], (float) t.rows().get(i)[j], "CSV text reads back as the same float");
            }
        }
    }

    @Test
    void reconstructWritesRowsOfTheInputWidthInTheDataUnits() throws Exception {
        Path z = dir.resolve("z.onnx");
        Cli.Run t = Cli.run("train", "--limit", "512", "--epochs", "1", "--no-progress", "--normalization", "z-score",
                "--output-activation", "identity", "--out", z.toString());
        assertEquals(0, t.code(), t::toString);
        Path out = dir.resolve("recon.csv");
        Cli.Run r = Cli.run("reconstruct", "--model", z.toString(), "--limit", "100", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        Dataset recon = Datasets.load(out.toString(), Split.TRAIN);
        Dataset raw = Datasets.source("embedded").load(Split.TEST, 100);
        assertEquals(100, recon.rows());
        assertEquals(784, recon.cols());
        double meanRecon = mean(recon.values());
        double meanRaw = mean(raw.values());
        assertEquals(meanRaw, meanRecon, 0.05, "pixel units (0..1), not z-scores");
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void evalReadsTheSavedModel() throws Exception {
        Cli.Run r = Cli.run("eval", "--model", model.toString(), "--limit", "300", "--json");
        assertEquals(0, r.code(), r::toString);
        var json = EvalOutput.json().readTree(r.out());
        assertEquals(300, json.get("rows").asInt());
        assertEquals(64, json.get("code_units").asInt());
        assertTrue(json.get("linear_probe").has("code_accuracy"), r::toString);
    }

    @Test
    void evalTakesLabelsForAFileFromLabels() throws Exception {
        Dataset test = Datasets.source("embedded").load(Split.TEST, 300);
        Path data = dir.resolve("rows.npy");
        org.ae4j.datasets.NpyWriter.write(data, test);
        StringBuilder labels = new StringBuilder();
        for (int l : test.labels()) {
            labels.append(l).append('\n');
        }
        Path labelFile = dir.resolve("labels.csv");
        Files.writeString(labelFile, labels.toString());
        Cli.Run without = Cli.run("eval", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, without.code(), without::toString);
        assertTrue(EvalOutput.json().readTree(without.out()).get("linear_probe").isNull(), without::toString);
        Cli.Run with = Cli.run("eval", "--model", model.toString(), "--data", data.toString(), "--labels",
                labelFile.toString(), "--json");
        assertEquals(0, with.code(), with::toString);
        var probe = EvalOutput.json().readTree(with.out()).get("linear_probe");
        assertEquals(10, probe.get("classes").asInt(), with::toString);
    }

    @Test
    void reportDrawsTheStoredLossCurves() throws Exception {
        Path html = dir.resolve("report.html");
        Cli.Run r = Cli.run("report", "--model", model.toString(), "--limit", "300", "--out", html.toString());
        assertEquals(0, r.code(), r::toString);
        String page = Files.readString(html);
        assertEquals(4, ReportTest.images(page).size(), "loss curves, reconstructions, filters, code histogram");
        assertTrue(page.contains("anomaly threshold"), "the summary names the threshold");
        assertTrue(page.contains("validation"), "the stored history has validation losses");
    }

    @Test
    void exportedEncoderRunsOnOnnxRuntimeAndGivesTheCodesOfEncode() throws Exception {
        Path enc = dir.resolve("encoder.onnx");
        Cli.Run r = Cli.run("export", "--model", model.toString(), "--part", "encoder", "--out", enc.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(ModelPart.ENCODER, OnnxModelIO.info(enc).part());
        assertTrue(OnnxModelIO.info(enc).provenance().containsKey("config"), "the provenance goes along");
        Cli.Run codes = Cli.run("encode", "--model", model.toString(), "--limit", "4");
        Table t = Table.parse(codes.out());
        Dataset raw = Datasets.source("embedded").load(Split.TEST, 4);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(enc.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(raw.values()), new long[] {4, 784});
             OrtSession.Result out = s.run(Map.of("input", x))) {
            float[][] got = (float[][]) out.get(0).getValue();
            for (int i = 0; i < 4; i++) {
                double[] want = t.rows().get(i);
                for (int j = 0; j < 64; j++) {
                    assertEquals(want[j], got[i][j], 1e-5, "row " + i + ", unit " + j);
                }
            }
        }
    }

    @Test
    void exportWritesEachPart() throws Exception {
        for (String part : List.of("full", "decoder")) {
            Path f = dir.resolve(part + ".onnx");
            Cli.Run r = Cli.run("export", "--model", model.toString(), "--part", part, "--out", f.toString());
            assertEquals(0, r.code(), r::toString);
            assertEquals(ModelPart.parse(part), OnnxModelIO.info(f).part());
            assertTrue(r.out().startsWith("exported the " + part + " of "), r::toString);
        }
        assertTrue(OnnxModelIO.info(dir.resolve("full.onnx")).provenance().containsKey("threshold"));
        assertTrue(!OnnxModelIO.info(dir.resolve("decoder.onnx")).provenance().containsKey("threshold"));
    }

    @Test
    void anUnknownPartExitsTwoWithOneLine() {
        Cli.Run r = Cli.run("export", "--model", model.toString(), "--part", "middle", "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --part: expected full, encoder or decoder, got 'middle'"), r.errorLines());
    }

    @Test
    void aSavedModelScoresTheSameAsTheTrainingRunComputedIt() throws Exception {
        // the model file holds exactly the trained parameters: loading it on the ONNX Runtime backend gives
        // the scores of the CPU backend to float rounding
        Cli.Run cpu = Cli.run("score", "--model", model.toString(), "--limit", "50");
        Cli.Run ort = Cli.run("score", "--model", model.toString(), "--limit", "50", "--backend", "onnxruntime");
        assertEquals(0, ort.code(), ort::toString);
        List<double[]> a = Table.parse(cpu.out()).rows();
        List<double[]> b = Table.parse(ort.out()).rows();
        for (int i = 0; i < 50; i++) {
            assertEquals(a.get(i)[0], b.get(i)[0], 1e-3 * a.get(i)[0], "row " + i);
        }
    }

    @Test
    void theResolvedConfigAndHistoryAreStoredInTheModel() throws Exception {
        Map<String, String> meta = new OnnxModelFiles().load(model).metadata();
        var config = EvalOutput.json().readTree(meta.get(ModelFiles.CONFIG));
        assertEquals(0.25, config.get("validation").asDouble());
        assertEquals(512, config.get("limit").asInt());
        assertEquals("[64]", config.get("layers").toString());
        var history = EvalOutput.json().readTree(meta.get(ModelFiles.HISTORY));
        assertEquals(1, history.size());
        assertTrue(meta.get(ModelFiles.DATA).startsWith("embedded:"), meta::toString);
    }
}
