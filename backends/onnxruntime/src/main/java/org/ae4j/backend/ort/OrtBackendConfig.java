package org.ae4j.backend.ort;

import java.util.List;

/**
 * Configuration of the {@code onnxruntime} backend.
 *
 * @param device {@code auto} (CUDA when usable, else CPU, said once in the log), {@code cpu}, or {@code cuda} (fail
 *     when CUDA is not usable)
 * @param threads intra-op threads of the CPU execution provider; 0 lets ONNX Runtime choose (one per core)
 */
public record OrtBackendConfig(String device, int threads) {
    /** The accepted device names. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "cuda");

    /** Validates the fields, naming the bad one. */
    public OrtBackendConfig {
        if (device == null || !DEVICES.contains(device)) {
            throw new IllegalArgumentException("device: expected auto, cpu or cuda, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads: expected >= 0 (0 = ONNX Runtime's default), got " + threads);
        }
    }

    /** The default: device auto, ONNX Runtime's default thread count. */
    public static OrtBackendConfig defaults() {
        return new OrtBackendConfig("auto", 0);
    }
}
