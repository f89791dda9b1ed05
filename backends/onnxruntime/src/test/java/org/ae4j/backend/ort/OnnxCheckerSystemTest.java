package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ae4j.backend.ort.ExportFixtures.Fixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX's own checker, with full shape inference, accepts every exported part of every fixture model.
 *
 * <p>Needs Debian's python3-onnx ({@code apt-get install -y python3-onnx}; .ci/run installs it) and runs
 * {@value #PYTHON}. Tagged "system": run by scripts/system-checks.sh ({@code mvn -Psystem test}). When
 * python3-onnx is missing the test fails, saying so; it never skips.
 */
@Tag("system")
class OnnxCheckerSystemTest {
    static final String PYTHON = "/usr/bin/python3";
    static final String CHECK = "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)";

    @TempDir
    Path dir;

    static Stream<Arguments> parts() {
        return ExportFixtures.all().stream().flatMap(f -> Stream.of(ModelPart.values()).map(p -> Arguments.of(f, p)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("parts")
    void onnxCheckerWithFullShapeInferenceAcceptsTheExport(Fixture f, ModelPart part) throws Exception {
        Path file = dir.resolve(part.optionName() + ".onnx");
        OnnxModelIO.save(f.model(), part, file, Map.of("test", "checker"));
        Path err = dir.resolve("checker.err");
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", CHECK, file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(PYTHON + " could not be started (" + e.getMessage() + "); this system test needs "
                    + "Debian's python3 and python3-onnx: apt-get install -y python3-onnx", e);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the ONNX checker did not finish within 120 s on " + file);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (stderr.contains("No module named 'onnx'") || stderr.contains("No module named onnx")) {
            throw new AssertionError("python3-onnx is not installed (" + PYTHON + " cannot import onnx); this system "
                    + "test needs it: apt-get install -y python3-onnx");
        }
        assertEquals(0, p.exitValue(), () -> "the ONNX checker rejected the " + part.optionName() + " export of " + f
                + ":\n" + stderr);
    }
}
