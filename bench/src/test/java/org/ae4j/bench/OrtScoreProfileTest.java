package org.ae4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtScoreProfileTest {
    @TempDir
    Path dir;

    /** Events as ONNX Runtime writes them: session events, and per node a kernel time (among other phases). */
    @Test
    void nodeKernelTimesAreCollectedPerNodeAndTabledByMedian() throws Exception {
        Path file = dir.resolve("ort.json");
        Files.writeString(file, "[\n"
                + "{\"cat\":\"Session\",\"name\":\"model_run\",\"dur\":9000,\"args\":{}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n0_Gemm_fence_before\",\"dur\":1,\"args\":{\"op_name\":\"Gemm\"}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n0_Gemm_kernel_time\",\"dur\":2000,\"args\":{\"op_name\":\"Gemm\"}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n1_Tanh_kernel_time\",\"dur\":100,\"args\":{\"op_name\":\"Tanh\"}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n0_Gemm_kernel_time\",\"dur\":1800,\"args\":{\"op_name\":\"Gemm\"}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n0_Gemm_kernel_time\",\"dur\":5000,\"args\":{\"op_name\":\"Gemm\"}},\n"
                + "{\"cat\":\"Node\",\"name\":\"n1_Tanh_kernel_time\",\"dur\":300,\"args\":{\"op_name\":\"Tanh\"}}\n"
                + "]\n");
        Map<String, double[]> times = OrtScoreProfile.nodeTimes(file);
        assertEquals(List.of("n0_Gemm (Gemm)", "n1_Tanh (Tanh)"), List.copyOf(times.keySet()));
        assertArrayEquals(new double[] {2.0, 1.8, 5.0}, times.get("n0_Gemm (Gemm)"), 1e-12);
        assertEquals("| node (op) | median ms |\n|---|---|\n| n0_Gemm (Gemm) | 2.000 |\n| n1_Tanh (Tanh) | 0.200 |\n"
                + "| all nodes | 2.200 |\n", OrtScoreProfile.table(times).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFileWithoutNodeTimesIsRefusedSayingWhatWasFound() throws Exception {
        Path notArray = dir.resolve("object.json");
        Files.writeString(notArray, "{\"traceEvents\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrtScoreProfile.nodeTimes(notArray));
        assertTrue(e.getMessage().endsWith("expected a JSON array of events, found OBJECT"), e.getMessage());
        Path sessionOnly = dir.resolve("session.json");
        Files.writeString(sessionOnly, "[{\"cat\":\"Session\",\"name\":\"model_run\",\"dur\":9000}]");
        e = assertThrows(IllegalArgumentException.class, () -> OrtScoreProfile.nodeTimes(sessionOnly));
        assertTrue(e.getMessage().endsWith("expected node kernel times, found none"), e.getMessage());
    }
}
