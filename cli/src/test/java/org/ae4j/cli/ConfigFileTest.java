package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
    @TempDir
    Path dir;

    private static CommandLine fresh() {
        return Main.commandLine(ModelFiles.unavailable(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    private static TrainCommand parse(String... args) {
        String[] expanded = ConfigFile.expand(ConfigFileTest::fresh, args);
        CommandLine.ParseResult pr = fresh().parseArgs(expanded);
        return (TrainCommand) pr.subcommand().commandSpec().userObject();
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void yamlKeysAreTheLongOptionNames() throws Exception {
        Path f = file("c.yaml", """
                layers: [256, 64]
                activation: tanh
                regularizer:
                  - weight-decay:lambda=1e-4
                  - kl-sparsity: {rho: 0.05, beta: 3}
                corruption: masking:level=0.3
                tied: true
                normalization: min-max
                validation: 0.1
                """);
        TrainCommand t = parse("train", "--config", f.toString());
        assertEquals(List.of(256, 64), t.model.layers);
        assertEquals("tanh", t.model.activation);
        assertEquals(List.of("weight-decay:lambda=1e-4", "kl-sparsity:rho=0.05,beta=3"), t.model.regularizers);
        assertEquals("masking:level=0.3", t.model.corruption);
        assertTrue(t.model.tied);
        assertEquals("min-max", t.normalization);
        assertEquals(0.1, t.validation);
    }

    @Test
    void jsonWorksToo() throws Exception {
        Path f = file("c.json", "{\n\t\"layers\": [32],\n\t\"epochs\": 3,\n\t\"regularizer\": \"l1-activity\"\n}");
        TrainCommand t = parse("train", "--config", f.toString());
        assertEquals(List.of(32), t.model.layers);
        assertEquals(3, t.epochs);
        assertEquals(List.of("l1-activity"), t.model.regularizers);
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Path f = file("c.yaml", "layers: [256, 64]\nepochs: 3\nregularizer: [weight-decay]\n");
        TrainCommand t = parse("train", "--epochs", "5", "--config", f.toString(), "--regularizer", "l1-activity");
        assertEquals(5, t.epochs);
        assertEquals(List.of("l1-activity"), t.model.regularizers);
        assertEquals(List.of(256, 64), t.model.layers);
    }

    @Test
    void nullKeepsTheDefaultSoTheResolvedConfigIsAValidFile() throws Exception {
        Path f = file("c.yaml", "corruption: null\nreport: null\nregularizer: []\nepochs: 4\n");
        TrainCommand t = parse("train", "--config", f.toString());
        assertEquals(null, t.model.corruption);
        assertEquals(List.of(), t.model.regularizers);
        assertEquals(4, t.epochs);
    }

    @Test
    void anUnknownKeyExitsTwoListingTheKnownOnes() throws Exception {
        Path f = file("c.yaml", "layer: [64]\n");
        Cli.Run r = Cli.run("train", "--config", f.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).startsWith("ae4j: error: " + f + ": unknown key 'layer'; known: activation,"),
                r::toString);
        assertTrue(r.errorLines().get(0).contains(" layers, "), r::toString);
    }

    @Test
    void aBadValueInTheFileNamesTheFile() throws Exception {
        Path f = file("c.yaml", "epochs: ten\n");
        Cli.Run r = Cli.run("train", "--config", f.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: " + f + ": Invalid value for option '--epochs': 'ten' is not an int"),
                r.errorLines());
    }

    @Test
    void malformedYamlSaysWhere() throws Exception {
        Path f = file("c.yaml", "layers: [64\nepochs: 2\n");
        Cli.Run r = Cli.run("train", "--config", f.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).matches("ae4j: error: .*c\\.yaml: line \\d+, column \\d+: not valid YAML .*"),
                r::toString);
    }

    @Test
    void aMissingConfigFileExitsTwo() {
        Cli.Run r = Cli.run("train", "--config", dir.resolve("none.yaml").toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --config: " + dir.resolve("none.yaml") + ": no such file"), r.errorLines());
    }

    @Test
    void aConfigFileRunTrainsWithItsValues() throws Exception {
        Path f = file("c.yaml", "limit: 300\nepochs: 2\nlayers: [16]\nno-progress: true\n");
        Cli.Run r = Cli.run("train", "--config", f.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("config (command line > " + f + " > defaults):"), r::toString);
        assertEquals(2, r.epochLosses(r.out()).size(), r::toString);
        assertTrue(r.out().contains("encoder dense:units=16,"), r::toString);
    }
}
