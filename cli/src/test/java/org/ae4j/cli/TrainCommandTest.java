package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    private static TrainCommand parse(String... args) {
        CommandLine cl = Main.commandLine(ModelFiles.unavailable(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        CommandLine.ParseResult pr = cl.parseArgs(args);
        return (TrainCommand) pr.subcommand().commandSpec().userObject();
    }

    @Test
    void flagsParseIntoTheirFields() {
        TrainCommand t = parse("train", "--layers", "256,64", "--activation", "tanh", "--regularizer",
                "kl-sparsity:rho=0.05,beta=3", "--regularizer", "weight-decay:lambda=1e-4", "--corruption",
                "masking:level=0.3", "--normalization", "z-score", "--layerwise", "--pretrain-epochs", "3",
                "--validation", "0.1", "--patience", "2", "--epochs", "7", "--no-progress", "--eval", "--json",
                "--report", "r.html");
        assertEquals(List.of(256, 64), t.model.layers);
        assertEquals("tanh", t.model.activation);
        assertEquals(List.of("kl-sparsity:rho=0.05,beta=3", "weight-decay:lambda=1e-4"), t.model.regularizers);
        assertEquals("masking:level=0.3", t.model.corruption);
        assertEquals("z-score", t.normalization);
        assertTrue(t.layerwise);
        assertEquals(3, t.pretrainEpochs);
        assertEquals(0.1, t.validation);
        assertEquals(2, t.patience);
        assertEquals(7, t.epochs);
        assertTrue(t.noProgress && t.eval && t.json);
        assertEquals(Path.of("r.html"), t.report);
    }

    @Test
    void defaultsAreThePlainEmbeddedRun() {
        TrainCommand t = parse("train");
        assertEquals("embedded", t.input.data);
        assertEquals(List.of(64), t.model.layers);
        assertEquals("none", t.normalization);
        assertEquals(10, t.epochs);
        assertFalse(t.layerwise);
    }

    @Test
    void trainingOnEmbeddedDataPrintsFallingLosses() {
        Cli.Run r = Cli.run(Cli.quick());
        assertEquals(0, r.code(), r::toString);
        List<Double> losses = r.epochLosses(r.out());
        assertEquals(2, losses.size(), r::toString);
        assertTrue(losses.get(1) < losses.get(0), "losses " + losses);
        assertTrue(r.out().contains("done: 2 epochs"), r::toString);
    }

    @Test
    void theResolvedConfigIsPrintedAtStart() {
        Cli.Run r = Cli.run(Cli.quick("--layers", "32", "--regularizer", "l1-activity:lambda=0.01"));
        assertEquals(0, r.code(), r::toString);
        String head = r.out().substring(0, r.out().indexOf("\ndata: ") + 1);
        assertTrue(head.startsWith("config (command line > defaults):"), head);
        assertTrue(head.contains("  layers:\n  - 32\n"), head);
        assertTrue(head.contains("  regularizer:\n  - l1-activity:lambda=0.01\n"), head);
        assertTrue(head.contains("  epochs: 2\n"), head);
    }

    @Test
    void unknownRegularizerExitsTwoWithTheKnownNames() {
        Cli.Run r = Cli.run(Cli.quick("--regularizer", "sparsity-kl:rho=0.1"));
        assertEquals(2, r.code(), r::toString);
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r::toString);
        assertEquals("ae4j: error: unknown regularizer 'sparsity-kl'; known: contractive, kl-sparsity, l1-activity,"
                + " weight-decay", lines.get(0));
        assertTrue(r.epochLosses(r.out()).isEmpty(), "failed before training");
    }

    @Test
    void unknownBackendExitsTwoWithTheKnownNames() {
        Cli.Run r = Cli.run(Cli.quick("--backend", "tpu"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: unknown backend 'tpu'; known: cpu"), r::toString);
    }

    @Test
    void unknownFlagExitsTwoWithOneLine() {
        Cli.Run r = Cli.run("train", "--layer", "64");
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: Unknown options: '--layer', '64' (see 'ae4j train --help')"), r.errorLines());
    }

    @Test
    void badFlagValueExitsTwoWithOneLine() {
        Cli.Run r = Cli.run("train", "--epochs", "ten");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: Invalid value for option '--epochs'"), r::toString);
    }

    @Test
    void invalidTrainingConfigExitsTwo() {
        Cli.Run r = Cli.run(Cli.quick("--patience", "2"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: patience: early stopping needs a validation split (validationFraction > 0)"),
                r.errorLines());
    }

    @Test
    void badDataPathExitsTwoWithOneLine() {
        Path missing = dir.resolve("no-such-images-idx3-ubyte.gz");
        Cli.Run r = Cli.run(Cli.quick("--data", missing.toString()));
        assertEquals(2, r.code(), r::toString);
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("ae4j: error: dataset: expected a name"), lines.get(0));
        assertTrue(lines.get(0).endsWith("got '" + missing + "': no such file or directory"), lines.get(0));
    }

    @Test
    void unreadableDataFileExitsTwoWithOneLine() throws Exception {
        Path junk = dir.resolve("junk-images-idx3-ubyte");
        Files.writeString(junk, "this is not an IDX file");
        Cli.Run r = Cli.run(Cli.quick("--data", junk.toString()));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: "), r::toString);
        assertTrue(r.errorLines().get(0).contains(junk.toString()), r::toString);
    }

    @Test
    void anExistingReportIsNotOverwrittenWhenTheRunFails() throws Exception {
        Path report = dir.resolve("report.html");
        Files.writeString(report, "old report");
        Cli.Run r = Cli.run(Cli.quick("--report", report.toString(), "--regularizer", "nope"));
        assertEquals(2, r.code(), r::toString);
        Cli.Run diverged = Cli.run(Cli.quick("--report", report.toString(), "--output-activation", "identity",
                "--optimizer", "sgd:lr=1e12"));
        assertEquals(1, diverged.code(), diverged::toString);
        assertTrue(diverged.errorLines().get(0).startsWith("ae4j: error: training diverged"), diverged::toString);
        assertEquals("old report", Files.readString(report));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(report), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void anExistingModelIsNotOverwrittenWhenSavingFails() throws Exception {
        Path model = dir.resolve("model.onnx");
        Files.writeString(model, "old model");
        InMemoryModelFiles files = new InMemoryModelFiles();
        files.failOnSave = true;
        Cli.Run r = Cli.run(files, Cli.quick("--out", model.toString()));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).contains("disk full (simulated)"), r::toString);
        assertEquals("old model", Files.readString(model));
        try (var list = Files.list(dir)) {
            assertEquals(List.of(model), list.toList(), "no temporary files left behind");
        }
    }

    @Test
    void outputInAMissingDirectoryFailsBeforeTraining() {
        Cli.Run r = Cli.run(Cli.quick("--report", dir.resolve("nowhere/report.html").toString()));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: --report: the directory of"), r::toString);
        assertTrue(r.epochLosses(r.out()).isEmpty(), r::toString);
    }

    @Test
    void savingAModelWithoutModelFilesFailsBeforeTraining() {
        Cli.Run r = Cli.run(ModelFiles.unavailable(), Cli.quick("--out", dir.resolve("m.onnx").toString()));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: --out: model files are not available"),
                r::toString);
        assertTrue(r.epochLosses(r.out()).isEmpty(), r::toString);
    }

    @Test
    void evalAndReportOfASavedModelGoThroughModelFiles() throws Exception {
        InMemoryModelFiles files = new InMemoryModelFiles();
        Path model = dir.resolve("m.onnx");
        Cli.Run t = Cli.run(files, Cli.quick("--out", model.toString(), "--validation", "0.2"));
        assertEquals(0, t.code(), t::toString);
        assertTrue(Files.exists(model));
        Cli.Run e = Cli.run(files, "eval", "--model", model.toString(), "--limit", "300", "--json");
        assertEquals(0, e.code(), e::toString);
        assertTrue(EvalOutput.json().readTree(e.out()).has("reconstruction"), e::toString);
        Path html = dir.resolve("r.html");
        Cli.Run rep = Cli.run(files, "report", "--model", model.toString(), "--limit", "300", "--out", html.toString());
        assertEquals(0, rep.code(), rep::toString);
        assertEquals(4, ReportTest.images(Files.readString(html)).size());
    }

    @Test
    void evalWithoutModelFilesSaysWhy() {
        Cli.Run r = Cli.run(ModelFiles.unavailable(), "eval", "--model", dir.resolve("m.onnx").toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: model files are not available"), r::toString);
    }

    @Test
    void normalizationIsFittedAndStoredWithTheModel() throws Exception {
        Cli.Run r = Cli.run(Cli.quick("--normalization", "z-score", "--json"));
        assertEquals(0, r.code(), r::toString);
        assertEquals("z-score", EvalOutput.json().readTree(r.out()).get("normalization").asText());
    }

    @Test
    void badNormalizationExitsTwo() {
        Cli.Run r = Cli.run(Cli.quick("--normalization", "unit"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: normalization: expected none, min-max or z-score, got 'unit'"), r.errorLines());
    }

    @Test
    void layerwisePretrainsEachLayerThenFineTunes() {
        Cli.Run r = Cli.run(Cli.quick("--layers", "64,16", "--layerwise", "--pretrain-epochs", "1"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("== layer-wise pretraining: layer 1 of 2 (784 -> 64)"), r::toString);
        assertTrue(r.out().contains("== layer-wise pretraining: layer 2 of 2 (64 -> 16)"), r::toString);
        assertTrue(r.out().contains("== fine-tuning the whole stack"), r::toString);
        assertEquals(1 + 1 + 2, r.epochLosses(r.out()).size(), r::toString);
    }

    @Test
    void pretrainEpochsWithoutLayerwiseIsAnError() {
        Cli.Run r = Cli.run(Cli.quick("--pretrain-epochs", "2"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --pretrain-epochs: only used with --layerwise"), r.errorLines());
    }

    @Test
    void validationLossesAreReportedAndPatienceStopsEarly() {
        Cli.Run r = Cli.run("train", "--limit", "300", "--epochs", "40", "--no-progress", "--validation", "0.3",
                "--patience", "1", "--min-delta", "1e9");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(" val "), r::toString);
        assertTrue(r.out().contains("stopped early; kept epoch 1"), r::toString);
        assertEquals(2, r.epochLosses(r.out()).size(), r::toString);
    }

    @Test
    void jsonGoesAloneToStandardOutput() throws Exception {
        Cli.Run r = Cli.run(Cli.quick("--json"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().trim().startsWith("{") && r.out().trim().endsWith("}"), r::toString);
        EvalOutput.json().readTree(r.out());
        assertEquals(2, r.epochLosses(r.err()).size(), "training output on stderr: " + r);
    }
}
