package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.Result;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;

/**
 * Finds out whether the CUDA execution provider is usable by creating and running a one-node session on it.
 * {@code OrtEnvironment.getAvailableProviders()} is not enough: it lists CUDA for the GPU build even on a machine
 * without a GPU or without the CUDA libraries. The answer is computed once per JVM.
 */
final class CudaProbe {
    /**
     * The answer.
     *
     * @param usable whether a session on the CUDA execution provider was created and ran correctly
     * @param reason why not, when not usable; empty otherwise
     */
    record Outcome(boolean usable, String reason) {
    }

    private static Outcome cached;

    private CudaProbe() {
    }

    /** Whether CUDA device 0 is usable; probed on first call. */
    static synchronized Outcome probe(OrtEnvironment env) {
        if (cached == null) {
            cached = run(env);
        }
        return cached;
    }

    /**
     * Adds the CUDA execution provider on GPU 0 to session options. TF32 is switched off: it would round GEMM
     * operands to 10 mantissa bits and break agreement with the CPU backends.
     */
    static void addCuda(SessionOptions options) throws OrtException {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(0)) {
            cuda.add("use_tf32", "0");
            options.addCUDA(cuda);
        }
    }

    /** Whether the jar of ONNX Runtime's GPU build (with the CUDA provider library) is on the classpath. */
    static boolean gpuBuildOnClasspath() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String lib = os.contains("win") ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        return CudaProbe.class.getClassLoader().getResource("ai/onnxruntime/native/linux-x64/" + lib) != null
                || CudaProbe.class.getClassLoader().getResource("ai/onnxruntime/native/win-x64/" + lib) != null;
    }

    private static Outcome run(OrtEnvironment env) {
        Node x = Ops.input("x", Shape.of(2));
        byte[] model = OnnxLowering.lowerForTraining(Program.of(List.of(Ops.add(x, x)), Map.of()))
                .model().toByteArray();
        try (SessionOptions options = new SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            addCuda(options);
            try (ai.onnxruntime.OrtSession session = env.createSession(model, options);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1.5f, -2f}), new long[] {2});
                 Result r = session.run(Map.of("x", in))) {
                float[] y = (float[]) r.get(0).getValue();
                if (y.length != 2 || y[0] != 3f || y[1] != -4f) {
                    return new Outcome(false, "a test graph on the CUDA execution provider computed wrong values");
                }
                return new Outcome(true, "");
            }
        } catch (OrtException | RuntimeException | LinkageError e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            int nl = msg.indexOf('\n');
            msg = nl < 0 ? msg : msg.substring(0, nl);
            if (!gpuBuildOnClasspath()) {
                return new Outcome(false, "the CPU build of ONNX Runtime is on the classpath; CUDA needs the "
                        + "onnxruntime_gpu jar (build with -Pgpu)");
            }
            return new Outcome(false, msg);
        }
    }
}
