package org.ae4j.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void doubleBitsAheadAndSkipReproduceTheSequentialDraws() {
        for (long seed : new long[] {0, 1, -7, 0x1234_5678_9ABCL}) {
            Rng sequential = new Rng(seed);
            Rng ahead = new Rng(seed);
            for (int block = 0; block < 5; block++) {
                int n = 1 + block * 37;
                for (int i = 0; i < n; i++) {
                    assertEquals(sequential.nextDouble(), ahead.doubleBits(i) * 0x1.0p-53, 0.0,
                            "seed " + seed + ", draw " + i + " of block " + block);
                }
                ahead.skip(n);
                assertEquals(sequential.state(), ahead.state());
            }
        }
    }

    @Test
    void belowTheThresholdIsExactlyTheComparisonOfTheDrawnDouble() {
        Random r = new Random(3);
        double[] xs = new double[2000];
        for (int i = 0; i < xs.length; i++) {
            // Random levels, levels on the 2⁻⁵³ grid (where ceil is exact), and the edges.
            xs[i] = switch (i % 4) {
                case 0 -> r.nextDouble();
                case 1 -> (r.nextLong() >>> 11) * 0x1.0p-53;
                case 2 -> new double[] {0, 1, -0.5, 1.5, Double.NaN, Double.MIN_VALUE, Math.nextDown(1.0)}[i % 7];
                default -> r.nextInt(1000) / 1000.0;
            };
        }
        for (double x : xs) {
            long t = Rng.threshold(x);
            long guess = Math.max(0, Math.min(1L << 53, (long) (Double.isNaN(x) ? 0 : x * 0x1.0p53)));
            long[] us = {0, 1, (1L << 53) - 1, guess - 2, guess - 1, guess, guess + 1, guess + 2,
                (r.nextLong() >>> 11)};
            for (long u : us) {
                if (u < 0 || u >= 1L << 53) {
                    continue;
                }
                assertEquals(u * 0x1.0p-53 < x ? 1 : 0, Rng.below(u, t), "x=" + x + " u=" + u + " t=" + t);
            }
        }
    }

    @Test
    void fillGaussianIsStandardNormalAndReproducible() {
        float[] v = new float[200_001]; // odd: the last pair gives one value
        new Rng(9).fillGaussian(v);
        double sum = 0;
        double squares = 0;
        int beyond = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
            if (Math.abs(x) > 1.959964) {
                beyond++;
            }
        }
        int n = v.length;
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        // Four standard errors: of the mean 1/√n, of the variance √(2/n), of a 5 % tail fraction √(0.05·0.95/n).
        assertEquals(0, mean, 4 / Math.sqrt(n), "mean");
        assertEquals(1, variance, 4 * Math.sqrt(2.0 / n), "variance");
        assertEquals(0.05, (double) beyond / n, 4 * Math.sqrt(0.05 * 0.95 / n), "fraction beyond ±1.96");
        float[] again = new float[n];
        new Rng(9).fillGaussian(again);
        org.junit.jupiter.api.Assertions.assertArrayEquals(v, again, "same seed, same values");
        float[] other = new float[n];
        new Rng(10).fillGaussian(other);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(v, other), "another seed");
    }
}
