package org.ae4j.examples.guice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ae4j.core.inject.Ae4jModule;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.Trainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the application once (2 epochs, into a temporary directory) and checks what it did. */
class EmbeddedAppTest {
    @TempDir
    static Path dir;

    private static Injector injector;
    private static Backend backend;
    private static EmbeddedApp.Result result;
    private static String printed;

    @BeforeAll
    static void runTheAppOnce() {
        injector = Guice.createInjector(new Ae4jModule(EmbeddedApp.BACKEND));
        backend = injector.getInstance(Backend.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = injector.getInstance(EmbeddedApp.class).run(dir.resolve("models/sparse.onnx"), 2, out);
        }
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void closeTheBackend() {
        backend.close();
    }

    @Test
    void theModuleBindsOneBackendSharedByEveryTrainer() {
        assertEquals("cpu", backend.name());
        assertTrue(injector.getInstance(Trainer.class).backend() == backend, "the backend is a singleton");
    }

    @Test
    void theModelFileIsWrittenWhereAsked() throws Exception {
        Path file = dir.resolve("models/sparse.onnx");
        assertEquals(file, result.modelFile());
        assertTrue(Files.isRegularFile(file) && Files.size(file) > 10_000, file + " exists and holds the weights");
    }

    @Test
    void theLoadedModelEncodesAndScoresExactlyAsTheTrainedOne() {
        Autoencoder trained = result.training().model();
        assertEquals(trained.spec().describe(), result.loaded().spec().describe());
        assertArrayEquals(trained.score(backend, result.test()), result.scores(), "scores of the test rows");
        assertArrayEquals(trained.encode(backend, result.test()), result.codes(), "codes of the test rows");
        assertEquals(1000 * 64, result.codes().length);
    }

    @Test
    void theSparsityPenaltyKeepsTheMeanActivationLow() {
        assertTrue(result.codeMean() > 0 && result.codeMean() < 0.3, "code mean activation " + result.codeMean());
    }

    @Test
    void theHighestScoringRowsAreListedInOrder() {
        int[] top = result.highest();
        assertEquals(3, top.length);
        float max = Float.NEGATIVE_INFINITY;
        for (float s : result.scores()) {
            max = Math.max(max, s);
        }
        assertEquals(max, result.scores()[top[0]]);
        assertTrue(result.scores()[top[0]] >= result.scores()[top[1]]
                && result.scores()[top[1]] >= result.scores()[top[2]]);
    }

    @Test
    void theSummaryPrintsTheNumbers() {
        String[] expected = {
            String.format(Locale.ROOT, "final loss %.4f", result.training().last().loss()),
            String.format(Locale.ROOT, "code mean activation %.4f", result.codeMean()),
            String.format(Locale.ROOT, "mean score           %.4f", result.meanScore()),
            String.format(Locale.ROOT, "row %4d  score %.4f", result.highest()[0], result.scores()[result.highest()[0]]),
            String.format(Locale.ROOT, "row %4d  score %.4f", result.highest()[2], result.scores()[result.highest()[2]]),
            result.modelFile().toString(),
        };
        for (String e : expected) {
            assertTrue(printed.contains(e), "'" + e + "' in:\n" + printed);
        }
    }

    @Test
    void mainWritesTheModelToTheFileGivenAsItsArgument() throws Exception {
        Path file = dir.resolve("from-main.onnx");
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            EmbeddedApp.main(new String[] {file.toString()});
        } finally {
            System.setOut(stdout);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(file), file + " written");
        assertTrue(out.contains("trained: " + EmbeddedApp.EPOCHS + " epochs") && out.contains("highest scores:"), out);
    }
}
