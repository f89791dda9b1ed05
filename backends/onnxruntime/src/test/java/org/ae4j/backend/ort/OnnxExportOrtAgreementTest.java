package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ae4j.backend.ort.ExportFixtures.Fixture;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.spi.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exported part, run by plain ONNX Runtime (CPU execution provider) on test rows in batches of 1 and of 37,
 * gives what ae4j's CPU backend computes for the same rows, within 1e-5 (absolute near zero, relative elsewhere).
 */
class OnnxExportOrtAgreementTest {
    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    private static Backend cpu;

    @BeforeAll
    static void open() {
        cpu = ExportFixtures.cpu();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    static Stream<Arguments> cases() {
        return ExportFixtures.all().stream().flatMap(f -> Stream.of(1, ExportFixtures.TEST_ROWS)
                .map(b -> Arguments.of(f, b)));
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("cases")
    void fullModelOutputsEqualTheCpuBackend(Fixture f, int batch) {
        Path file = export(f, ModelPart.FULL);
        forEachBatch(f, batch, rows -> {
            Map<String, float[]> out = OrtFiles.run(file, OnnxModelFormat.INPUT, rows.values(), rows.rows(), rows.cols());
            assertEquals(List.of("code", "reconstruction", "score"), List.copyOf(out.keySet()));
            OrtFiles.assertClose(f.model().encode(cpu, rows), out.get("code"), TOLERANCE, f + " code");
            OrtFiles.assertClose(f.model().reconstruct(cpu, rows), out.get("reconstruction"), TOLERANCE,
                    f + " reconstruction");
            OrtFiles.assertClose(f.model().score(cpu, rows), out.get("score"), TOLERANCE, f + " score");
        });
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("cases")
    void encoderOutputsEqualTheCpuBackend(Fixture f, int batch) {
        Path file = export(f, ModelPart.ENCODER);
        forEachBatch(f, batch, rows -> {
            Map<String, float[]> out = OrtFiles.run(file, OnnxModelFormat.INPUT, rows.values(), rows.rows(), rows.cols());
            assertEquals(Set.of("code"), out.keySet());
            OrtFiles.assertClose(f.model().encode(cpu, rows), out.get("code"), TOLERANCE, f + " code");
        });
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("cases")
    void decoderOutputsEqualTheCpuBackendOnItsCodes(Fixture f, int batch) {
        Path file = export(f, ModelPart.DECODER);
        forEachBatch(f, batch, rows -> {
            float[] codes = f.model().encode(cpu, rows);
            Map<String, float[]> out = OrtFiles.run(file, OnnxModelFormat.CODE, codes, rows.rows(),
                    f.model().codeDim());
            assertEquals(Set.of("reconstruction"), out.keySet());
            OrtFiles.assertClose(f.model().reconstruct(cpu, rows), out.get("reconstruction"), TOLERANCE,
                    f + " reconstruction (normalized units)");
        });
    }

    @Test
    void graphInputsAndOutputsHaveASymbolicBatchDimension() throws OrtException {
        Fixture f = ExportFixtures.named("min-max normalized");
        Path file = export(f, ModelPart.FULL);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(file.toString(), o)) {
            assertEquals(Map.of("input", "[-1, 9]"), shapes(s.getInputInfo()));
            assertEquals(Map.of("code", "[-1, 5]", "reconstruction", "[-1, 9]", "score", "[-1]"),
                    shapes(s.getOutputInfo()));
        }
    }

    private static Map<String, String> shapes(Map<String, NodeInfo> infos) {
        Map<String, String> out = new TreeMap<>();
        infos.forEach((k, v) -> out.put(k, Arrays.toString(((TensorInfo) v.getInfo()).getShape())));
        return out;
    }

    /** Runs the check on consecutive batches of the fixture's test rows. */
    private static void forEachBatch(Fixture f, int batch, Consumer<Dataset> check) {
        Dataset test = f.test();
        int d = test.cols();
        for (int start = 0; start < test.rows(); start += batch) {
            int n = Math.min(batch, test.rows() - start);
            float[] v = Arrays.copyOfRange(test.values(), start * d, (start + n) * d);
            check.accept(new Dataset(test.source() + " rows " + start + ".." + (start + n - 1), v, n, d));
        }
    }

    private static Path export(Fixture f, ModelPart part) {
        Path file = dir.resolve(f.name().replace(' ', '-') + "." + part.optionName() + ".onnx");
        OnnxModelIO.save(f.model(), part, file, Map.of("test", "agreement"));
        return file;
    }
}
