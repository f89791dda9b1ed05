package org.ae4j.backend.cpu;

import java.util.Locale;
import java.util.Random;

/**
 * A JMH-free microbenchmark of the GEMM on the C1 shapes (784-256 autoencoder, batch 128), forward and backward,
 * at 1 and 2 threads. Run: {@code java -cp <test-classes>:<classes> org.ae4j.backend.cpu.GemmBench [seconds]}.
 */
public final class GemmBench {
    private GemmBench() {
    }

    /** {@code key}: the name bench/python/torch_bench.py gives the same product (null: not a C1 step's). */
    private record Shape(String label, String key, boolean transA, boolean transB, int m, int n, int k) {
    }

    private static final Shape[] SHAPES = {
        new Shape("enc fwd   x·W1        128x784 · 784x256", "X.W1", false, false, 128, 256, 784),
        new Shape("dec fwd   h·W2        128x256 · 256x784", "H.W2", false, false, 128, 784, 256),
        new Shape("dec dW2   hᵀ·g        (128x256)ᵀ · 128x784", "H^T.dY", true, false, 256, 784, 128),
        new Shape("dec dh    g·W2ᵀ       128x784 · (256x784)ᵀ", "dY.W2^T", false, true, 128, 256, 784),
        new Shape("enc dW1   xᵀ·g        (128x784)ᵀ · 128x256", "X^T.dH", true, false, 784, 256, 128),
        new Shape("enc dx    g·W1ᵀ       128x256 · (784x256)ᵀ", null, false, true, 128, 784, 256),
        new Shape("both      Aᵀ·Bᵀ       (784x128)ᵀ · (256x784)ᵀ", null, true, true, 128, 256, 784),
        new Shape("C2 enc    x·W1        128x784 · 784x512", null, false, false, 128, 512, 784),
        new Shape("C2 dec    h·W4        128x512 · 512x784", null, false, false, 128, 784, 512),
        new Shape("C2 dW4    hᵀ·g        (128x512)ᵀ · 128x784", null, true, false, 512, 784, 128),
        new Shape("C2 dh     g·W4ᵀ       128x784 · (512x784)ᵀ", null, false, true, 128, 512, 784),
        new Shape("C2 dW1    xᵀ·g        (128x784)ᵀ · 128x512", null, true, false, 784, 512, 128),
    };

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        for (int threads : new int[] {1, 2}) {
            try (WorkerPool pool = new WorkerPool(threads, "gemm-bench-")) {
                System.out.printf(Locale.ROOT, "threads=%d%n", threads);
                for (Shape s : SHAPES) {
                    double gflops = measure(s, pool, seconds);
                    System.out.printf(Locale.ROOT, "  %-44s %6.1f GFLOP/s%n", s.label(), gflops);
                    if (s.key() != null) {
                        // For bench/python/table.py's ceiling, named as torch_bench.py names the product (m x k x n).
                        System.out.printf(Locale.ROOT, "{\"ae4j_gemm\": \"%s %dx%dx%d\", \"threads\": %d, "
                                + "\"gflops\": %.1f}%n", s.key(), s.m(), s.k(), s.n(), threads, gflops);
                    }
                }
            }
        }
    }

    private static double measure(Shape s, WorkerPool pool, double seconds) {
        Random rnd = new Random(7);
        float[] a = new float[s.m() * s.k()];
        float[] b = new float[s.k() * s.n()];
        float[] c = new float[s.m() * s.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        Gemm.Workspace[] ws = new Gemm.Workspace[pool.parallelism()];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = Gemm.Workspace.forProduct(s.m(), s.n(), s.k());
        }
        GemmTask task = new GemmTask(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, b, 0, c, 0, ws, pool);
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            task.run();
        }
        int reps = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long now;
        do {
            task.run();
            reps++;
            now = System.nanoTime();
        } while (now < end);
        return 2.0 * s.m() * s.n() * s.k() * reps / (now - t0);
    }
}
