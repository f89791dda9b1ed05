package org.ae4j.backend.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs programs on ONNX Runtime. Each program is lowered to one ONNX graph ({@link OnnxLowering}) and run as a
 * plain inference session: ORT's training API is never used. The execution provider is chosen once, when the
 * backend is created: CUDA when the config asks for it or for {@code auto} and a probe session on CUDA works, the
 * CPU one otherwise.
 */
public final class OrtBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(OrtBackend.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    /** The execution provider sessions of this backend run on. */
    public enum Device {
        /** ONNX Runtime's CPU execution provider. */
        CPU,
        /** The CUDA execution provider on GPU 0. */
        CUDA
    }

    private final OrtBackendConfig config;
    private final OrtEnvironment env;
    private final Device device;
    private final String fallbackReason;

    /** Creates a backend; fails when {@code device=cuda} and CUDA is not usable. */
    public OrtBackend(OrtBackendConfig config) {
        this.config = config;
        this.env = environment();
        switch (config.device()) {
            case "cpu" -> {
                this.device = Device.CPU;
                this.fallbackReason = null;
            }
            case "cuda" -> {
                CudaProbe.Outcome o = CudaProbe.probe(env);
                if (!o.usable()) {
                    throw new IllegalStateException("onnxruntime: device=cuda, but the CUDA execution provider is not "
                            + "usable: " + o.reason() + ". It needs an NVIDIA GPU, CUDA 12, cuDNN 9 and the "
                            + "onnxruntime_gpu jar; use device=auto or device=cpu to run on the CPU");
                }
                this.device = Device.CUDA;
                this.fallbackReason = null;
            }
            case "auto" -> {
                CudaProbe.Outcome o = CudaProbe.probe(env);
                this.device = o.usable() ? Device.CUDA : Device.CPU;
                this.fallbackReason = o.usable() ? null : o.reason();
                if (!o.usable() && FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.info("onnxruntime: the CUDA execution provider is not usable, so the CPU one is used: {}",
                            o.reason());
                }
            }
            default -> throw new AssertionError(config.device());
        }
        LOG.debug("onnxruntime backend: {}", describe());
    }

    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("onnxruntime: could not load the ONNX Runtime native library: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return OrtBackendProvider.NAME;
    }

    /** The execution provider this backend's sessions run on. */
    public Device device() {
        return device;
    }

    /** The config this backend was created from. */
    public OrtBackendConfig config() {
        return config;
    }

    @Override
    public String describe() {
        String where = device == Device.CUDA ? "CUDA execution provider (GPU 0)"
                : "CPU execution provider, " + (config.threads() == 0 ? "default threads" : config.threads() + " threads");
        return "onnxruntime " + env.getVersion() + ", " + where
                + (fallbackReason != null ? "; CUDA not usable: " + fallbackReason : "");
    }

    @Override
    public Session open(Program program) {
        OnnxLowering.LoweredProgram lowered = OnnxLowering.lowerForTraining(program);
        Native n = createSession(lowered, "the lowered program");
        // The session owns the native session and options from here, and closes them if it fails to start.
        return new OrtSession(program, lowered, env, n.session(), n.options());
    }

    /**
     * Opens a program to run {@link OrtBackendConfig#stepsPerRun()} steps per call ({@link OrtMultiStepSession}).
     */
    public OrtMultiStepSession openSteps(Program program) {
        return openSteps(program, config.stepsPerRun());
    }

    /**
     * Opens a program to run {@code steps} steps per call: the program is lowered to one ONNX Loop over its step
     * ({@link OnnxLoopLowering}), fed {@code steps} values of each input at once.
     *
     * @throws IllegalArgumentException when steps &lt; 1
     */
    public OrtMultiStepSession openSteps(Program program, int steps) {
        OnnxLowering.LoweredProgram lowered = OnnxLoopLowering.lowerSteps(program, steps);
        Native n = createSession(lowered, "the program lowered to a loop of " + steps + " steps");
        return new OrtMultiStepSession(program, lowered, steps, env, n.session(), n.options());
    }

    /** A native session and the options it was created with; both to be closed by the caller. */
    private record Native(ai.onnxruntime.OrtSession session, SessionOptions options) {
    }

    private Native createSession(OnnxLowering.LoweredProgram lowered, String what) {
        byte[] bytes = lowered.model().toByteArray();
        SessionOptions options = new SessionOptions();
        ai.onnxruntime.OrtSession session;
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            if (config.threads() > 0) {
                options.setIntraOpNumThreads(config.threads());
            }
            options.setInterOpNumThreads(1);
            if (device == Device.CUDA) {
                CudaProbe.addCuda(options);
            }
            session = env.createSession(bytes, options);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("onnxruntime: could not create a session for " + what + " ("
                    + lowered.model().getGraph().getNodeCount() + " ONNX nodes) on the " + device
                    + " execution provider: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
        LOG.debug("onnxruntime: opened {} of {} ONNX nodes, {} bytes, on {}", what,
                lowered.model().getGraph().getNodeCount(), bytes.length, device);
        return new Native(session, options);
    }
}
