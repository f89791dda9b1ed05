package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What encode, reconstruct, score, eval, report and export do with bad input: one line, exit 2, outputs kept. */
class ModelCommandErrorsTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("m.onnx");
        Cli.Run r = Cli.run("train", "--limit", "512", "--epochs", "1", "--no-progress", "--out", model.toString());
        assertEquals(0, r.code(), r::toString);
    }

    private Path narrowCsv() throws Exception {
        Path data = dir.resolve("narrow.csv");
        Files.writeString(data, "a,b,c\n1,2,3\n4,5,6\n");
        return data;
    }

    private void assertOneLineExitTwo(Cli.Run r, String start) {
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: " + start), r::toString);
    }

    private void assertOnly(Path... files) throws Exception {
        try (var l = Files.list(dir)) {
            assertEquals(List.of(files).stream().sorted().toList(), l.sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void aModelOfAnotherWidthThanTheDataExitsTwoWithOneLine() throws Exception {
        Path data = narrowCsv();
        for (String cmd : List.of("score", "encode", "reconstruct", "eval")) {
            Cli.Run r = Cli.run(cmd, "--model", model.toString(), "--data", data.toString());
            assertOneLineExitTwo(r, "--model " + model + " expects rows of 784 features, but ");
            assertTrue(r.errorLines().get(0).endsWith(" has 3 columns"), r::toString);
        }
    }

    @Test
    void anExistingOutputIsUntouchedWhenScoringFails() throws Exception {
        Path data = narrowCsv();
        Path csv = dir.resolve("scores.csv");
        Path npy = dir.resolve("codes.npy");
        Files.writeString(csv, "old scores");
        Files.writeString(npy, "old codes");
        assertOneLineExitTwo(Cli.run("score", "--model", model.toString(), "--data", data.toString(), "--out",
                csv.toString()), "--model ");
        assertOneLineExitTwo(Cli.run("encode", "--model", model.toString(), "--data", data.toString(), "--out",
                npy.toString()), "--model ");
        assertOneLineExitTwo(Cli.run("score", "--model", dir.resolve("missing.onnx").toString(), "--out",
                csv.toString()), "onnx model ");
        assertEquals("old scores", Files.readString(csv));
        assertEquals("old codes", Files.readString(npy));
        assertOnly(data, csv, npy);
    }

    @Test
    void anExistingExportIsUntouchedWhenTheModelCannotBeRead() throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        Path out = dir.resolve("encoder.onnx");
        Files.writeString(out, "old encoder");
        Cli.Run r = Cli.run("export", "--model", junk.toString(), "--part", "encoder", "--out", out.toString());
        assertOneLineExitTwo(r, "onnx model " + junk + ": ");
        assertEquals("old encoder", Files.readString(out));
        assertOnly(junk, out);
    }

    @Test
    void aMissingModelExitsTwoWithOneLine() {
        Path missing = dir.resolve("missing.onnx");
        for (String cmd : List.of("score", "encode", "reconstruct", "eval")) {
            assertOneLineExitTwo(Cli.run(cmd, "--model", missing.toString()), "onnx model " + missing + ": no such file");
        }
    }

    @Test
    void anOutputOfUnknownTypeExitsTwoBeforeReadingAnything() {
        Cli.Run r = Cli.run("score", "--model", dir.resolve("missing.onnx").toString(), "--out",
                dir.resolve("s.txt").toString());
        assertOneLineExitTwo(r, "--out: expected a file ending in .csv, .tsv or .npy, got ");
    }

    @Test
    void unreadableDataExitsTwoWithOneLineNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,x\n");
        Cli.Run r = Cli.run("score", "--model", model.toString(), "--data", bad.toString());
        assertOneLineExitTwo(r, "");
        assertTrue(r.errorLines().get(0).contains(bad.toString()), r::toString);
    }

    @Test
    void exportOverTheModelItselfIsRefused() {
        Cli.Run r = Cli.run("export", "--model", model.toString(), "--out", model.toString());
        assertOneLineExitTwo(r, "--out: expected another file than --model");
    }
}
