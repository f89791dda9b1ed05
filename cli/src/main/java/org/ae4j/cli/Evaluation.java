package org.ae4j.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.util.Rng;

/**
 * What a trained autoencoder does on a dataset: reconstruction error, encoder Jacobian norm, contraction at
 * several radii, saturated units, code sparsity, and (with labels) a linear probe on the codes beside the same
 * probe on the raw inputs. Everything is in the units the encoder sees (after the model's normalization) and
 * seeded, so the same model, data and seed give the same numbers. Used by {@code train --eval} now and by
 * {@code eval --model} once model files exist.
 */
final class Evaluation {
    private Evaluation() {
    }

    /**
     * @param seed seeds the row samples, perturbation directions and probe
     * @param radii the radii ‖ε‖ of the contraction ratio
     * @param jacobianRows rows sampled for the Jacobian norm when it is computed row by row (deeper encoders)
     * @param contractionRows rows sampled for the contraction ratio
     * @param probeTrainFraction fraction of rows the probe trains on; it is tested on the rest
     * @param probe the probe's training budget
     */
    record Options(long seed, double[] radii, int jacobianRows, int contractionRows, double probeTrainFraction,
                   LinearProbe.Budget probe) {
        static Options defaults(long seed) {
            return new Options(seed, new double[] {0.01, 0.1, 1}, 500, 2000, 0.8, LinearProbe.Budget.defaults());
        }
    }

    /** The mean per-row squared error Σ_i (x_i − x̂_i)² and the model's own reconstruction loss per row. */
    record Reconstruction(double meanRowSquaredError, String loss, double meanLoss) {
    }

    /** The mean of ‖J_f(x)‖_F over rows, and how and on how many rows it was computed. */
    record Jacobian(double meanFrobeniusNorm, String method, int rows) {
    }

    /** ‖f(x + ε) − f(x)‖ / ‖ε‖ averaged over rows, ε = radius · a random unit direction. */
    record Radius(double radius, double ratio) {
    }

    /** Contraction ratios at each radius, over {@code rows} rows. */
    record Contraction(int rows, List<Radius> radii) {
    }

    /**
     * The fraction of code values (rows × units) that are saturated by {@code rule}, or null when the code
     * activation has no saturated regime; for relu, deadUnits counts units that are 0 on every row.
     */
    record Saturation(String activation, String rule, Double fraction, Integer deadUnits) {
    }

    /** ρ̂_j, the mean activation of code unit j over rows: its mean and standard deviation over units. */
    record Sparsity(double meanActivationMean, double meanActivationStd, double minMeanActivation,
                    double maxMeanActivation) {
    }

    /** Linear probe accuracies on the held-out rows: on the codes and on the raw inputs, same budget. */
    record Probe(int classes, int trainRows, int testRows, int epochs, int batchSize, double learningRate,
                 double codeAccuracy, double rawAccuracy) {
    }

    /** Everything measured; probe is null without labels (see notes). */
    record Result(String data, int rows, int features, int codeUnits, String model, String normalization,
                  Reconstruction reconstruction, Jacobian jacobian, Contraction contraction, Saturation saturation,
                  Sparsity sparsity, Probe linearProbe, List<String> notes) {
        Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The result plus what was computed on the way (for pictures): the inference holds codes, scores and the loss,
     * and the reconstructions when they were asked for.
     */
    record Evaluated(Result result, Inference inference, Dataset normalized) {
    }

    /** Evaluates {@code model} on raw (unnormalized) data, without keeping reconstructions. */
    static Evaluated run(Autoencoder model, Backend backend, Dataset raw, Options o) {
        return run(model, backend, raw, o, false);
    }

    /**
     * Evaluates {@code model} on raw (unnormalized) data; {@code reconstructions}: also compute every row's
     * reconstruction and keep it in the {@link Evaluated#inference()} (a report's pictures need them).
     */
    static Evaluated run(Autoencoder model, Backend backend, Dataset raw, Options o, boolean reconstructions) {
        Set<Inference.Output> outputs = EnumSet.of(Inference.Output.CODE, Inference.Output.SCORE,
                Inference.Output.LOSS);
        if (reconstructions) {
            outputs.add(Inference.Output.RECONSTRUCTION);
        }
        Inference inf = Inference.run(model, backend, raw, outputs);
        Dataset norm = model.normalization().apply(raw);
        Rng root = new Rng(o.seed());
        List<String> notes = new ArrayList<>();
        int n = raw.rows();
        int k = model.codeDim();
        double sse = 0;
        for (float s : inf.scores()) {
            sse += s;
        }
        Reconstruction rec = new Reconstruction(sse / n, model.spec().loss().optionName(), inf.meanLoss());

        JacobianNorms.Result jr = JacobianNorms.compute(model, backend, norm, inf.codes(), o.jacobianRows(),
                root.split("jacobian"));
        Jacobian jac = new Jacobian(jr.mean(), jr.method().label(), jr.rows().length);
        if (jr.rows().length < n) {
            notes.add("jacobian: " + jr.method().label() + " on a seeded sample of " + jr.rows().length + " of " + n
                    + " rows");
        }
        Contraction con = contraction(model, backend, norm, o, root.split("contraction"));
        EncoderGraph enc = ModelGraph.inference(model.spec(), model.inputDim(), 1).encoder();
        Activation codeAct = enc.layers().isEmpty() ? null : enc.layers().get(enc.layers().size() - 1).activation();
        Saturation sat = saturation(codeAct, inf.codes(), n, k);
        Sparsity sp = sparsity(inf.codes(), n, k);
        Probe probe = null;
        if (!raw.hasLabels()) {
            notes.add("linear probe: skipped, the data has no labels");
        } else {
            probe = probe(inf.codes(), k, raw, o, root.split("probe"), notes);
        }
        String normalization = model.normalization().kind().optionName();
        Result r = new Result(raw.source(), n, raw.cols(), k, model.spec().describe(), normalization, rec, jac, con,
                sat, sp, probe, notes);
        return new Evaluated(r, inf, norm);
    }

    private static Contraction contraction(Autoencoder model, Backend backend, Dataset norm, Options o, Rng rng) {
        int[] rows = JacobianNorms.sample(norm.rows(), o.contractionRows(), rng.split("rows"));
        int d = norm.cols();
        int m = rows.length;
        double[] radii = o.radii();
        float[] all = new float[(radii.length + 1) * m * d];
        Rng dirs = rng.split("directions");
        float[] u = new float[d];
        for (int i = 0; i < m; i++) {
            double len = 0;
            for (int c = 0; c < d; c++) {
                u[c] = (float) dirs.nextGaussian();
                len += (double) u[c] * u[c];
            }
            double inv = 1 / Math.sqrt(len);
            int src = rows[i] * d;
            System.arraycopy(norm.values(), src, all, i * d, d);
            for (int q = 0; q < radii.length; q++) {
                int dst = ((q + 1) * m + i) * d;
                for (int c = 0; c < d; c++) {
                    all[dst + c] = (float) (norm.values()[src + c] + radii[q] * u[c] * inv);
                }
            }
        }
        Autoencoder bare = model.withNormalization(Normalization.none());
        float[] h = Inference.run(bare, backend, new Dataset("contraction", all, (radii.length + 1) * m, d),
                Inference.Output.CODE).codes();
        int k = model.codeDim();
        List<Radius> out = new ArrayList<>();
        for (int q = 0; q < radii.length; q++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double s = 0;
                int a = i * k;
                int b = ((q + 1) * m + i) * k;
                for (int j = 0; j < k; j++) {
                    double diff = h[b + j] - h[a + j];
                    s += diff * diff;
                }
                sum += Math.sqrt(s) / radii[q];
            }
            out.add(new Radius(radii[q], sum / m));
        }
        return new Contraction(m, out);
    }

    static Saturation saturation(Activation act, float[] codes, int n, int k) {
        if (act == null) {
            return new Saturation("unknown", "the encoder exposes no layers", null, null);
        }
        String name = act.name().toLowerCase(java.util.Locale.ROOT);
        long hits = 0;
        switch (act) {
            case SIGMOID:
                for (float h : codes) {
                    if (h < 0.05f || h > 0.95f) {
                        hits++;
                    }
                }
                return new Saturation(name, "h < 0.05 or h > 0.95", (double) hits / codes.length, null);
            case TANH:
                for (float h : codes) {
                    if (Math.abs(h) > 0.95f) {
                        hits++;
                    }
                }
                return new Saturation(name, "|h| > 0.95", (double) hits / codes.length, null);
            case RELU: {
                boolean[] alive = new boolean[k];
                for (int i = 0; i < codes.length; i++) {
                    if (codes[i] == 0f) {
                        hits++;
                    } else {
                        alive[i % k] = true;
                    }
                }
                int dead = 0;
                for (boolean a : alive) {
                    dead += a ? 0 : 1;
                }
                return new Saturation(name, "h == 0 (dead)", (double) hits / codes.length, dead);
            }
            case SOFTPLUS:
            case IDENTITY:
                return new Saturation(name, "none: " + name + " has no saturated regime", null, null);
        }
        throw new AssertionError(act);
    }

    static Sparsity sparsity(float[] codes, int n, int k) {
        double[] rho = new double[k];
        for (int i = 0; i < codes.length; i++) {
            rho[i % k] += codes[i];
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            rho[j] /= n;
            mean += rho[j];
            min = Math.min(min, rho[j]);
            max = Math.max(max, rho[j]);
        }
        mean /= k;
        double var = 0;
        for (double r : rho) {
            var += (r - mean) * (r - mean);
        }
        return new Sparsity(mean, Math.sqrt(var / k), min, max);
    }

    private static Probe probe(float[] codes, int k, Dataset raw, Options o, Rng rng, List<String> notes) {
        int n = raw.rows();
        int[] labels = raw.labels();
        int classes = 0;
        for (int l : labels) {
            if (l < 0) {
                notes.add("linear probe: skipped, labels must be >= 0, found " + l);
                return null;
            }
            classes = Math.max(classes, l + 1);
        }
        int trainRows = (int) Math.round(o.probeTrainFraction() * n);
        if (classes < 2 || trainRows < 1 || trainRows >= n) {
            notes.add("linear probe: skipped, needs two classes and rows to train and test on (" + n + " rows, "
                    + classes + " classes)");
            return null;
        }
        int[] order = JacobianNorms.sample(n, n, rng);
        rng.split("split").shuffle(order);
        int[] train = java.util.Arrays.copyOfRange(order, 0, trainRows);
        int[] test = java.util.Arrays.copyOfRange(order, trainRows, n);
        LinearProbe.Budget b = o.probe();
        double onCodes = LinearProbe.accuracy(codes, k, labels, classes, train, test, b, rng.split("codes"));
        double onRaw = LinearProbe.accuracy(raw.values(), raw.cols(), labels, classes, train, test, b, rng.split("raw"));
        return new Probe(classes, train.length, test.length, b.epochs(), b.batchSize(), b.learningRate(), onCodes, onRaw);
    }
}
