package org.ae4j.cli;

import org.ae4j.core.util.Rng;

/**
 * A linear probe: multinomial logistic regression (softmax, cross-entropy, no weight penalty) in plain Java,
 * trained from zero weights by mini-batch Adam for a fixed number of epochs, its step size decayed to zero on a
 * cosine schedule, on features standardized with the training part's mean and standard deviation (a feature's
 * standard deviation is floored at {@link #FLOOR} times the mean one, so near-constant features such as border
 * pixels are not blown up). The same budget and seed give the same accuracy, so probes on codes and on raw
 * inputs compare what the features make linearly separable for the same training effort.
 */
final class LinearProbe {
    /** A feature's standard deviation is taken as at least this fraction of the mean standard deviation. */
    static final double FLOOR = 0.1;

    /**
     * The probe's budget.
     *
     * @param epochs passes over the training rows
     * @param batchSize rows per step
     * @param learningRate Adam's initial step size (cosine-decayed to 0 over the budget)
     */
    record Budget(int epochs, int batchSize, double learningRate) {
        static Budget defaults() {
            return new Budget(20, 64, 0.01);
        }
    }

    private LinearProbe() {
    }

    /**
     * Trains on the rows {@code train} of {@code x} [rows, dim] and returns the accuracy on the rows {@code test}.
     *
     * @param labels one label per row, 0 ≤ label &lt; classes
     */
    static double accuracy(float[] x, int dim, int[] labels, int classes, int[] train, int[] test, Budget budget,
                           Rng rng) {
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        standardization(x, dim, train, mean, scale);
        int c = classes;
        double[] w = new double[dim * c];
        double[] b = new double[c];
        double[] mw = new double[w.length];
        double[] vw = new double[w.length];
        double[] mb = new double[c];
        double[] vb = new double[c];
        double[] gw = new double[w.length];
        double[] gb = new double[c];
        double[] feat = new double[dim];
        double[] p = new double[c];
        int[] order = train.clone();
        long t = 0;
        long totalSteps = (long) budget.epochs() * ((order.length + budget.batchSize() - 1) / budget.batchSize());
        double b1 = 0.9;
        double b2 = 0.999;
        for (int epoch = 0; epoch < budget.epochs(); epoch++) {
            rng.shuffle(order);
            for (int start = 0; start < order.length; start += budget.batchSize()) {
                int end = Math.min(order.length, start + budget.batchSize());
                java.util.Arrays.fill(gw, 0);
                java.util.Arrays.fill(gb, 0);
                for (int n = start; n < end; n++) {
                    int r = order[n];
                    features(x, dim, r, mean, scale, feat);
                    softmax(w, b, feat, dim, c, p);
                    p[labels[r]] -= 1;
                    for (int i = 0; i < dim; i++) {
                        double f = feat[i];
                        if (f != 0) {
                            int o = i * c;
                            for (int j = 0; j < c; j++) {
                                gw[o + j] += f * p[j];
                            }
                        }
                    }
                    for (int j = 0; j < c; j++) {
                        gb[j] += p[j];
                    }
                }
                double inv = 1.0 / (end - start);
                t++;
                double decay = 0.5 * (1 + Math.cos(Math.PI * (t - 1) / totalSteps));
                double lr = decay * budget.learningRate() * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                adam(w, gw, mw, vw, inv, lr);
                adam(b, gb, mb, vb, inv, lr);
            }
        }
        int correct = 0;
        for (int r : test) {
            features(x, dim, r, mean, scale, feat);
            softmax(w, b, feat, dim, c, p);
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            if (best == labels[r]) {
                correct++;
            }
        }
        return test.length == 0 ? Double.NaN : (double) correct / test.length;
    }

    private static void adam(double[] w, double[] g, double[] m, double[] v, double scale, double lr) {
        for (int i = 0; i < w.length; i++) {
            double gi = g[i] * scale;
            m[i] = 0.9 * m[i] + 0.1 * gi;
            v[i] = 0.999 * v[i] + 0.001 * gi * gi;
            w[i] -= lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
        }
    }

    private static void standardization(float[] x, int dim, int[] rows, double[] mean, double[] scale) {
        for (int r : rows) {
            for (int i = 0; i < dim; i++) {
                mean[i] += x[r * dim + i];
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] /= rows.length;
        }
        double[] var = new double[dim];
        for (int r : rows) {
            for (int i = 0; i < dim; i++) {
                double d = x[r * dim + i] - mean[i];
                var[i] += d * d;
            }
        }
        double meanSd = 0;
        for (int i = 0; i < dim; i++) {
            var[i] = Math.sqrt(var[i] / rows.length);
            meanSd += var[i] / dim;
        }
        // Features that barely vary in training (e.g. border pixels) are not blown up: their scale is capped.
        double floor = Math.max(1e-12, FLOOR * meanSd);
        for (int i = 0; i < dim; i++) {
            scale[i] = 1 / Math.max(var[i], floor);
        }
    }

    private static void features(float[] x, int dim, int r, double[] mean, double[] scale, double[] out) {
        for (int i = 0; i < dim; i++) {
            out[i] = (x[r * dim + i] - mean[i]) * scale[i];
        }
    }

    private static void softmax(double[] w, double[] b, double[] f, int dim, int c, double[] p) {
        System.arraycopy(b, 0, p, 0, c);
        for (int i = 0; i < dim; i++) {
            double fi = f[i];
            if (fi != 0) {
                int o = i * c;
                for (int j = 0; j < c; j++) {
                    p[j] += fi * w[o + j];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            max = Math.max(max, p[j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < c; j++) {
            p[j] /= sum;
        }
    }
}
