package org.ae4j.backend.ort;

import java.util.List;

/**
 * Configuration of the {@code onnxruntime} backend.
 *
 * @param device {@code auto} (CUDA when usable, else CPU, said once in the log), {@code cpu}, or {@code cuda} (fail
 *     when CUDA is not usable)
 * @param threads intra-op threads of the CPU execution provider; 0 lets ONNX Runtime choose (one per core)
 * @param stepsPerRun training steps per ONNX Runtime call in sessions opened with
 *     {@link OrtBackend#openSteps(org.ae4j.core.ir.Program)} (an ONNX Loop over the step); sessions opened through
 *     the {@link org.ae4j.core.spi.Backend} interface, as the trainer does, always run one step per call
 */
public record OrtBackendConfig(String device, int threads, int stepsPerRun) {
    /** The accepted device names. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "cuda");
    /** The largest accepted {@link #stepsPerRun()}. */
    public static final int MAX_STEPS_PER_RUN = 4096;

    /** Validates the fields, naming the bad one. */
    public OrtBackendConfig {
        if (device == null || !DEVICES.contains(device)) {
            throw new IllegalArgumentException("device: expected auto, cpu or cuda, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads: expected >= 0 (0 = ONNX Runtime's default), got " + threads);
        }
        if (stepsPerRun < 1 || stepsPerRun > MAX_STEPS_PER_RUN) {
            throw new IllegalArgumentException("stepsPerRun: expected 1.." + MAX_STEPS_PER_RUN + ", got " + stepsPerRun);
        }
    }

    /** A config with one step per run. */
    public OrtBackendConfig(String device, int threads) {
        this(device, threads, 1);
    }

    /** The default: device auto, ONNX Runtime's default thread count, one step per run. */
    public static OrtBackendConfig defaults() {
        return new OrtBackendConfig("auto", 0, 1);
    }
}
