package org.ae4j.backend.cpu;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Session;

/**
 * Time per SGD step of a 784-256-784 sigmoid autoencoder with binary cross-entropy, batch 128 (the C1 model), on
 * the CPU backend at 1 and 2 threads. Run: {@code java -cp <test-classes>:<classes>:<deps>
 * org.ae4j.backend.cpu.TrainingStepBench [seconds]}.
 */
public final class TrainingStepBench {
    private TrainingStepBench() {
    }

    /** Prints the time of each step, slowest first, over the given number of runs. */
    static void profile(CpuSession s, int runs) {
        int n = s.stepCount();
        long[] total = new long[n];
        String[] labels = new String[n];
        for (int r = 0; r < runs; r++) {
            Step[] steps = s.nextSteps();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                steps[i].run();
                total[i] += System.nanoTime() - t;
                labels[i] = steps[i].toString();
            }
            s.advanceAfterManualRun();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(total[b], total[a]));
        for (int i : order) {
            System.out.printf(Locale.ROOT, "  %7.3f ms  %s%n", total[i] / 1e6 / runs, labels[i]);
        }
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int batch = 128;
        int d = 784;
        int units = 256;
        Node x = Ops.input("x", Shape.of(batch, d));
        Node w1 = Ops.parameter("W1", Shape.of(d, units));
        Node b1 = Ops.parameter("b1", Shape.of(units));
        Node w2 = Ops.parameter("W2", Shape.of(units, d));
        Node b2 = Ops.parameter("b2", Shape.of(d));
        Node h = F.sigmoid(Ops.add(Ops.matmul(x, w1), b1));
        Node logits = Ops.add(Ops.matmul(h, w2), b2);
        Node loss = Ops.mul(Ops.sumAll(F.sigmoidCrossEntropyWithLogits(logits, x)), Ops.scalar(1.0 / batch));
        List<Node> params = List.of(w1, b1, w2, b2);
        List<Node> grads = Autodiff.gradients(loss, params);
        Map<Node, Node> updates = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), Ops.sub(params.get(i), Ops.mul(grads.get(i), Ops.scalar(0.1))));
        }
        Program program = Program.of(List.of(loss), updates);
        Random rnd = new Random(1);
        float[] data = new float[batch * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat();
        }
        for (int threads : new int[] {1, 2}) {
            try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads));
                 CpuSession s = (CpuSession) backend.open(program)) {
                for (Node p : params) {
                    float[] v = new float[p.shape().size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (rnd.nextFloat() - 0.5f) * 0.1f;
                    }
                    s.setParameter(p, v);
                }
                s.setInput(x, data, 0);
                long warm = System.nanoTime() + (long) (seconds * 0.5e9);
                while (System.nanoTime() < warm) {
                    s.run();
                }
                int steps = 0;
                long t0 = System.nanoTime();
                long end = t0 + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    s.run();
                    steps++;
                }
                double ms = (System.nanoTime() - t0) / 1e6 / steps;
                if (System.getProperty("profile") != null) {
                    profile(s, 50);
                }
                System.out.printf(Locale.ROOT, "threads=%d: %.2f ms/step (%d steps, %d steps/run, %.1f MB planned, loss %.4f)%n",
                        threads, ms, steps, s.stepCount(), s.plannedFloats() * 4 / 1e6, s.scalarOutput(loss));
            }
        }
    }
}
