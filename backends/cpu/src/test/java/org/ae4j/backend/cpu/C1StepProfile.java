package org.ae4j.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.TrainingProgram;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;

/**
 * Time per training step of the standard configs' plain models on the CPU backend, built exactly as the trainer
 * builds them (core's ModelGraph, squared error, Adam 1e-3, batch 128): C1 = 784-256-784 sigmoid, C2 =
 * 784-512-128-32 ReLU, mirrored, sigmoid output. With {@code -Dprofile} also the time of each step kind.
 * Run: {@code java -cp <test-classes>:<classes>:<deps> org.ae4j.backend.cpu.C1StepProfile [seconds] [threads,...]
 * [C1|C2] [score]}; {@code score} times the per-row score program at batch 1,024 instead of a training step.
 */
public final class C1StepProfile {
    private C1StepProfile() {
    }

    /** The plain C1 (or C2) spec. */
    static AutoencoderSpec spec(boolean c2) {
        List<Integer> units = c2 ? List.of(512, 128, 32) : List.of(256);
        Activation act = c2 ? Activation.RELU : Activation.SIGMOID;
        DenseEncoderConfig ec = new DenseEncoderConfig(units, List.of(act));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.SIGMOID, true);
        Component<Encoder> enc = new Component<>("dense", ec, new DenseEncoder(ec));
        Component<Decoder> dec = new Component<>("dense", dc, new DenseDecoder(dc));
        return new AutoencoderSpec(enc, dec, Loss.SQUARED_ERROR, List.of(), null, new Adam(1e-3, 0.9, 0.999, 1e-8));
    }

    /** Opens a session of the spec's training program with initialised parameters and a random batch. */
    static CpuSession open(CpuBackend backend, AutoencoderSpec spec, int batch, int width, long seed) {
        TrainingProgram tp = ModelGraph.training(spec, width, batch, 0, 1).trainingProgram(spec.optimizer());
        return open(backend, tp.program(), spec, width, seed);
    }

    /** Opens a session of the program that computes only the per-row score, as {@code ae4j score} runs it. */
    static CpuSession openScore(CpuBackend backend, AutoencoderSpec spec, int batch, int width, long seed) {
        ModelGraph g = ModelGraph.inference(spec, width, batch);
        return open(backend, Program.of(List.of(g.score()), Map.of()), spec, width, seed);
    }

    private static CpuSession open(CpuBackend backend, Program program, AutoencoderSpec spec, int width, long seed) {
        int batch = program.inputs().get(0).shape().dim(0);
        CpuSession s = (CpuSession) (Boolean.getBoolean("inPlace") ? backend.openInPlace(program)
                : backend.open(program));
        Map<String, float[]> init = Autoencoder.initialize(spec, width, seed).parameters();
        for (Node p : program.parameters()) {
            float[] v = init.get(p.name());
            s.setParameter(p, v != null ? v : new float[p.shape().size()]);
        }
        Random rnd = new Random(seed);
        float[] data = new float[batch * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat();
        }
        s.setInput(program.inputs().get(0), data, 0);
        return s;
    }

    /** Bytes allocated so far by all live threads (the caller and the pool's workers). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : (args.length > 1 ? args[1] : "1,2").split(",")) {
            threadCounts.add(Integer.parseInt(t));
        }
        boolean c2 = args.length > 2 && args[2].equals("C2");
        boolean score = args.length > 3 && args[3].equals("score");
        AutoencoderSpec spec = spec(c2);
        for (int threads : threadCounts) {
            try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads));
                 CpuSession s = score ? openScore(backend, spec, 1024, 784, 42) : open(backend, spec, 128, 784, 42)) {
                long warm = System.nanoTime() + (long) (seconds * 0.5e9);
                while (System.nanoTime() < warm) {
                    s.run();
                }
                long alloc0 = allocatedBytes();
                int steps = 0;
                long t0 = System.nanoTime();
                long end = t0 + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    s.run();
                    steps++;
                }
                double ms = (System.nanoTime() - t0) / 1e6 / steps;
                long alloc = allocatedBytes() - alloc0;
                System.out.printf(Locale.ROOT, "%s%s threads=%d: %.3f ms/step = %.0f rows/s (%d steps, %d steps/run, "
                                + "%.1f MB planned, %.1f bytes allocated per step)%n", c2 ? "C2" : "C1",
                        score ? " score" : "", threads, ms, (score ? 1024e3 : 128e3) / ms, steps, s.stepCount(),
                        s.plannedFloats() * 4 / 1e6, (double) alloc / steps);
                if (System.getProperty("profile") != null) {
                    TrainingStepBench.profile(s, Math.max(20, steps / 4));
                }
            }
        }
    }
}
