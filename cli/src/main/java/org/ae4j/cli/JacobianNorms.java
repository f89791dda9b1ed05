package org.ae4j.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Inference;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.Layer;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;

/**
 * Per-row Frobenius norms ‖J_f(x)‖_F of the encoder's Jacobian with respect to its input (normalized units),
 * three ways:
 * <ul>
 *   <li>{@link Method#CLOSED_FORM}, one dense layer: ‖J‖²_F = Σ_j s'(a_j)² Σ_i W_ij², with s'(a) recovered in Java
 *       from the code h = s(a) (sigmoid h(1−h), tanh 1−h², relu 1[h&gt;0], softplus 1−e^{−h}, identity 1); every row.</li>
 *   <li>{@link Method#EXACT_GRAPH}, deeper dense encoders: the contractive regularizer's exact ‖J‖²_F, built as IR
 *       for a batch of one row and run on the backend row by row (the regularizer sums over a batch, so one row per
 *       run gives per-row values); on a seeded sample of rows, as each row costs a full Jacobian product.</li>
 *   <li>{@link Method#FINITE_DIFFERENCES}, any other encoder: central differences (f(x+h e_i) − f(x−h e_i))/2h,
 *       h = 0.01, over every input direction, on a small seeded sample of rows.</li>
 * </ul>
 */
final class JacobianNorms {
    /** Rows used by finite differences at most: each costs 2·d encodings. */
    static final int FINITE_DIFFERENCE_ROWS = 50;
    /** The step of the central differences, in normalized input units. */
    static final double STEP = 0.01;

    /** How the norms were computed. */
    enum Method {
        CLOSED_FORM("closed-form"), EXACT_GRAPH("exact-graph"), FINITE_DIFFERENCES("finite-differences");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * Norms of some rows.
     *
     * @param norms ‖J_f(x_r)‖_F for each row used
     * @param rows the indices of those rows in the dataset
     * @param method how they were computed
     */
    record Result(double[] norms, int[] rows, Method method) {
        double mean() {
            return Arrays.stream(norms).average().orElse(Double.NaN);
        }
    }

    private JacobianNorms() {
    }

    /**
     * The cheapest exact method that applies. {@code normalized} is the data as the encoder sees it and
     * {@code codes} its codes [rows, k]; {@code maxRows} caps the sample of the row-by-row methods.
     */
    static Result compute(Autoencoder model, Backend backend, Dataset normalized, float[] codes, int maxRows, Rng rng) {
        EncoderGraph enc = ModelGraph.inference(model.spec(), model.inputDim(), 1).encoder();
        if (enc.layers().size() == 1 && enc.layers().get(0).weight().op() == Op.PARAMETER) {
            return closedForm(model, enc.layers().get(0), normalized.rows(), codes);
        }
        try {
            return exactGraph(model, backend, normalized, sample(normalized.rows(), maxRows, rng));
        } catch (IllegalArgumentException e) {
            // Not a chain of dense layers (or no contractive plugin): fall back to differences.
            return finiteDifferences(model, backend, normalized,
                    sample(normalized.rows(), Math.min(maxRows, FINITE_DIFFERENCE_ROWS), rng));
        }
    }

    /** The one-layer closed form over every row. */
    static Result closedForm(Autoencoder model, Layer layer, int rows, float[] codes) {
        Node w = layer.weight();
        int d = w.shape().dim(0);
        int k = w.shape().dim(1);
        float[] weight = model.parameter(w.name());
        double[] colSquares = new double[k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                double v = weight[i * k + j];
                colSquares[j] += v * v;
            }
        }
        Activation act = layer.activation();
        double[] norms = new double[rows];
        int[] idx = new int[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double dh = derivativeFromOutput(act, codes[r * k + j]);
                s += dh * dh * colSquares[j];
            }
            norms[r] = Math.sqrt(s);
            idx[r] = r;
        }
        return new Result(norms, idx, Method.CLOSED_FORM);
    }

    /** s'(a) from h = s(a). */
    static double derivativeFromOutput(Activation act, double h) {
        switch (act) {
            case IDENTITY: return 1;
            case SIGMOID: return h * (1 - h);
            case TANH: return 1 - h * h;
            case RELU: return h > 0 ? 1 : 0;
            case SOFTPLUS: return -Math.expm1(-h);
        }
        throw new AssertionError(act);
    }

    /** The contractive regularizer's exact ‖J‖²_F on one row per run, for the given rows. */
    static Result exactGraph(Autoencoder model, Backend backend, Dataset normalized, int[] rows) {
        PluginRegistry registry = new PluginRegistry(JacobianNorms.class.getClassLoader());
        Component<Regularizer> contractive;
        try {
            contractive = registry.create(PluginKind.REGULARIZER, Regularizer.class, "contractive:lambda=1,mode=exact");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no contractive regularizer plugin: " + e.getMessage(), e);
        }
        AutoencoderSpec s = model.spec();
        AutoencoderSpec probe = new AutoencoderSpec(s.encoder(), s.decoder(), s.loss(), List.of(contractive), null,
                s.optimizer());
        int d = model.inputDim();
        ModelGraph g = ModelGraph.training(probe, d, 1, 0, 1);
        Node penalty = g.penalties().values().iterator().next();
        Program p = Program.of(List.of(penalty), java.util.Map.of());
        double[] norms = new double[rows.length];
        try (Session session = backend.open(p)) {
            for (Node param : p.parameters()) {
                session.setParameter(param, model.parameter(param.name()));
            }
            Node x = p.leaf(ModelGraph.INPUT);
            for (int i = 0; i < rows.length; i++) {
                session.setInput(x, normalized.values(), rows[i] * d);
                session.run();
                norms[i] = Math.sqrt(Math.max(0, session.scalarOutput(penalty)));
            }
        }
        return new Result(norms, rows, Method.EXACT_GRAPH);
    }

    /** Central differences of the encoder over every input direction, for the given rows. */
    static Result finiteDifferences(Autoencoder model, Backend backend, Dataset normalized, int[] rows) {
        Autoencoder bare = model.withNormalization(Normalization.none());
        int d = normalized.cols();
        int k = model.codeDim();
        double[] norms = new double[rows.length];
        float[] batch = new float[2 * d * d];
        float[] h = new float[2 * d * k];
        try (Inference.Runner codes = Inference.runner(bare, backend, EnumSet.of(Inference.Output.CODE))) {
            for (int n = 0; n < rows.length; n++) {
                int r = rows[n];
                for (int i = 0; i < d; i++) {
                    System.arraycopy(normalized.values(), r * d, batch, (2 * i) * d, d);
                    System.arraycopy(normalized.values(), r * d, batch, (2 * i + 1) * d, d);
                    batch[(2 * i) * d + i] += (float) STEP;
                    batch[(2 * i + 1) * d + i] -= (float) STEP;
                }
                codes.run(new Dataset("finite differences", batch, 2 * d, d), 0, h, null, null);
                double s = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < k; j++) {
                        double dij = (h[(2 * i) * k + j] - h[(2 * i + 1) * k + j]) / (2 * STEP);
                        s += dij * dij;
                    }
                }
                norms[n] = Math.sqrt(s);
            }
        }
        return new Result(norms, rows, Method.FINITE_DIFFERENCES);
    }

    /** All rows when there are at most max, else a seeded sample of max rows in increasing order. */
    static int[] sample(int rows, int max, Rng rng) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        if (rows <= max) {
            return all;
        }
        rng.shuffle(all);
        int[] out = Arrays.copyOf(all, Math.max(1, max));
        Arrays.sort(out);
        return out;
    }
}
