package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Steps per second of a 784-256-784 model (sigmoid, binary cross-entropy, Adam, batch 128) on the test device: one
 * step per ORT call (the trainer's session) against K steps per call in an ONNX Loop, for K = 1 and K = 8 (or
 * {@code -Dae4j.ort.throughput.k=...}). Only the session is timed: inputs are filled from preallocated arrays, as
 * the trainer does. A measurement, not a check: it runs only with {@code -Dae4j.ort.throughput=true} and prints one
 * line per mode; it also says whether both modes end with bitwise-equal parameters.
 */
@EnabledIfSystemProperty(named = "ae4j.ort.throughput", matches = "true")
class OrtMultiStepThroughputTest {
    private static final int BATCH = 128;
    private static final int WIDTH = 784;

    @Test
    void printsStepsPerSecondForOneAndKStepsPerRun() {
        int k = Integer.getInteger("ae4j.ort.throughput.k", 8);
        int steps = Integer.getInteger("ae4j.ort.throughput.steps", 96) / k * k;
        int rounds = Integer.getInteger("ae4j.ort.throughput.rounds", 3);
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(256), List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
        AutoencoderSpec spec = new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.BINARY_CROSS_ENTROPY, List.of(), null,
                Adam.defaults());
        StepFixture f = new StepFixture(spec, generated(4096), BATCH, steps, 1);
        int[] ks = k == 1 ? new int[] {1} : new int[] {1, k};
        try (OrtBackend backend = OrtTesting.backend();
             Session single = backend.open(f.program);
             OrtMultiStepSession loop1 = backend.openSteps(f.program, ks[0]);
             OrtMultiStepSession loopK = backend.openSteps(f.program, ks[ks.length - 1])) {
            OrtMultiStepSession[] loops = ks.length == 1 ? new OrtMultiStepSession[] {loop1}
                    : new OrtMultiStepSession[] {loop1, loopK};
            // Rounds interleave the modes, so that load from other processes affects them alike.
            double[][] rates = new double[1 + loops.length][rounds];
            for (int r = 0; r < rounds; r++) {
                f.load(single);
                long t0 = System.nanoTime();
                for (int step = 0; step < steps; step++) {
                    f.feed(single, step);
                    single.run();
                    assertTrue(Float.isFinite(single.scalarOutput(f.tp.loss())));
                }
                rates[0][r] = steps / ((System.nanoTime() - t0) / 1e9);
                for (int m = 0; m < loops.length; m++) {
                    OrtMultiStepSession s = loops[m];
                    f.load(s);
                    t0 = System.nanoTime();
                    for (int from = 0; from < steps; from += s.steps()) {
                        f.feed(s, from);
                        s.run();
                        assertTrue(Float.isFinite(s.scalarOutput(f.tp.loss(), s.steps() - 1)));
                    }
                    rates[1 + m][r] = steps / ((System.nanoTime() - t0) / 1e9);
                }
            }
            Map<Node, float[]> want = StepFixture.parameters(f.program.parameters(), single::getParameter);
            print(backend, "1 step per run (plain Session)", rates[0], steps);
            for (int m = 0; m < loops.length; m++) {
                Map<Node, float[]> got = StepFixture.parameters(f.program.parameters(), loops[m]::getParameter);
                boolean same = want.keySet().stream().allMatch(p -> java.util.Arrays.equals(want.get(p), got.get(p)));
                print(backend, "K=" + loops[m].steps() + " steps per run (ONNX Loop)", rates[1 + m], steps);
                System.out.printf(Locale.ROOT, "ae4j-ort-steps: parameters after %d steps, Loop K=%d vs single steps:"
                        + " %s%n", steps, loops[m].steps(), same ? "bitwise equal" : "NOT bitwise equal");
            }
        }
    }

    private static void print(OrtBackend backend, String mode, double[] rates, int steps) {
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        double best = sorted[sorted.length - 1];
        System.out.printf(Locale.ROOT, "ae4j-ort-steps: %s | 784-256-784 sigmoid, BCE, Adam, batch %d | %s: best %.1f,"
                + " median %.1f steps/s (%.0f rows/s best; %d rounds of %d steps)%n", backend.describe(), BATCH, mode,
                best, sorted[sorted.length / 2], best * BATCH, rates.length, steps);
    }

    private static Dataset generated(int rows) {
        Rng rng = new Rng(3);
        float[] v = new float[rows * WIDTH];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        return new Dataset("generated", v, rows, WIDTH);
    }
}
