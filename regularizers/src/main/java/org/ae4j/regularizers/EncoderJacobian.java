package org.ae4j.regularizers;

import static org.ae4j.core.ir.Ops.matmul;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.reshape;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.Layer;

/**
 * Squared Frobenius norms of a dense encoder's Jacobian, as IR. For row r the encoder h = s_L(⋯ s_1(x W_1 + b_1) ⋯
 * W_L + b_L), with W_l of shape [n_{l−1}, n_l], has Jacobian J_r = D_L W_Lᵀ ⋯ D_1 W_1ᵀ of shape [n_L, n_0], where
 * D_l = diag(s_l'(a_l)) holds the activation derivatives of that row. Everything is built from primitives, so
 * Autodiff differentiates it (also through s', which depends on W and b except for relu's step).
 *
 * <p>Two exact routes, both computing per-row products without any per-row Python-style loop:
 * <ul>
 *   <li><b>forward</b> (tangents of the input basis): T_r = W_1 D_1 W_2 D_2 ⋯ W_L D_L = J_rᵀ, held as an
 *       [R, n_0, n_l] tensor; cost ≈ R·n_0·(n_1 + Σ_{l≥2} n_{l−1} n_l) multiply-adds, memory R·n_0·max n_l.</li>
 *   <li><b>reverse</b> (cotangents of the code basis), which never forms J_r: S_r = D_L W_Lᵀ ⋯ W_2ᵀ D_1 of
 *       shape [n_L, n_1], and ‖J_r‖² = ‖S_r W_1ᵀ‖² = tr(S_r G S_rᵀ) with the batch-independent Gram matrix
 *       G = W_1ᵀ W_1 [n_1, n_1]. The input width n_0 then enters only G (n_0·n_1² once, used when cheaper
 *       than the direct R·n_L·n_1·n_0); cost ≈ R·n_L·(n_{L−1} + Σ_{2≤l<L} n_l n_{l−1} + n_1²) + n_0·n_1²,
 *       memory R·n_L·max n_l.</li>
 * </ul>
 * {@link #cheapestRoute} picks the one with fewer multiply-adds: reverse for the usual encoder that narrows to a
 * small code, forward for an overcomplete one. A single layer uses the closed form
 * ‖J_r‖² = Σ_j s'(a_rj)² Σ_i W_ij², which costs R·n_1 + n_0·n_1.
 */
final class EncoderJacobian {
    /** The way per-row products are formed for encoders of two or more layers. */
    enum Route { FORWARD, REVERSE }

    private final List<Node> weights;
    private final int[] widths;

    private EncoderJacobian(List<Node> weights, int[] widths) {
        this.weights = List.copyOf(weights);
        this.widths = widths;
    }

    /** The weights of an encoder that is a chain of dense layers; other encoders are rejected, naming the problem. */
    static EncoderJacobian of(EncoderGraph encoder, String owner) {
        List<Layer> layers = encoder.layers();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(owner + ": expected an encoder made of dense layers, got one that exposes"
                    + " no layers");
        }
        List<Node> weights = new ArrayList<>();
        int[] widths = new int[layers.size() + 1];
        Node expectedInput = encoder.input();
        widths[0] = expectedInput.shape().dim(1);
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            Node w = layer.weight();
            if (layer.input() != expectedInput) {
                throw new IllegalArgumentException(owner + ": expected a chain of dense layers, each fed by the one"
                        + " before; layer " + l + " is fed by something else");
            }
            if (w.shape().rank() != 2 || w.shape().dim(0) != widths[l]
                    || !layer.preActivation().shape().equals(Shape.of(expectedInput.shape().dim(0), w.shape().dim(1)))) {
                throw new IllegalArgumentException(owner + ": layer " + l + ": expected a weight of shape [" + widths[l]
                        + ", out] and a pre-activation of shape [rows, out], got " + w.shape() + " and "
                        + layer.preActivation().shape());
            }
            weights.add(w);
            widths[l + 1] = w.shape().dim(1);
            expectedInput = layer.output();
        }
        if (encoder.code() != expectedInput) {
            throw new IllegalArgumentException(owner + ": expected the code to be the last layer's output");
        }
        return new EncoderJacobian(weights, widths);
    }

    /** The activation derivatives s_l'(a_l) [rows, n_l] of each layer of an encoder built on some input. */
    static List<Node> derivatives(EncoderGraph encoder) {
        List<Node> out = new ArrayList<>();
        for (Layer layer : encoder.layers()) {
            out.add(layer.activation().derivative(layer.preActivation(), layer.output()));
        }
        return out;
    }

    /** Number of layers L. */
    int depth() {
        return weights.size();
    }

    /** Layer widths n_0 (input) … n_L (code). */
    int width(int l) {
        return widths[l];
    }

    /** The exact route with fewer multiply-adds for the given number of rows (see the class comment). */
    Route cheapestRoute(int rows) {
        int last = widths.length - 1;
        double n0 = widths[0];
        double forward = n0 * widths[1];
        for (int l = 2; l <= last; l++) {
            forward += n0 * widths[l - 1] * (double) widths[l];
        }
        double code = widths[last];
        double reverse = code * widths[last - 1];
        for (int l = last - 1; l >= 2; l--) {
            reverse += code * widths[l] * (double) widths[l - 1];
        }
        return rows * reverse + finishCost(rows * widths[last]) <= rows * forward ? Route.REVERSE : Route.FORWARD;
    }

    /** Multiply-adds of Σ‖M W_1ᵀ‖² for M with the given number of rows: the cheaper of direct and via the Gram. */
    private double finishCost(double rows) {
        return Math.min(direct(rows), gram(rows));
    }

    /** Whether the reverse route finishes through the Gram matrix for an M of the given number of rows. */
    boolean usesGram(int matrixRows) {
        return gram(matrixRows) < direct(matrixRows);
    }

    private double direct(double rows) {
        return rows * widths[1] * (double) widths[0];
    }

    private double gram(double rows) {
        return rows * widths[1] * (double) widths[1] + widths[0] * (double) widths[1] * widths[1];
    }

    /** Σ_r ‖J_r‖²_F over the rows of the derivatives d_l [R, n_l], by the cheapest exact route. */
    Node sumSquaredNorms(List<Node> d) {
        return sumSquaredNorms(d, cheapestRoute(rows(d)));
    }

    /** Σ_r ‖J_r‖²_F by the given route. */
    Node sumSquaredNorms(List<Node> d, Route route) {
        check(d);
        if (depth() == 1) {
            return F.sum(mul(F.square(d.get(0)), columnSquares()));
        }
        if (route == Route.FORWARD) {
            return F.sumOfSquares(forward(d));
        }
        return gramNorm(reverse(d));
    }

    /** Σ_r ‖J_r − J̃_r‖²_F, J from derivatives d and J̃ from d̃ on the same rows (same weights), by the cheapest route. */
    Node sumSquaredDifferences(List<Node> d, List<Node> dTilde) {
        return sumSquaredDifferences(d, dTilde, cheapestRoute(rows(d)));
    }

    /** Σ_r ‖J_r − J̃_r‖²_F by the given route. */
    Node sumSquaredDifferences(List<Node> d, List<Node> dTilde, Route route) {
        check(d);
        check(dTilde);
        if (rows(d) != rows(dTilde)) {
            throw new IllegalArgumentException("contractive: expected both Jacobians on the same number of rows, got "
                    + rows(d) + " and " + rows(dTilde));
        }
        if (depth() == 1) {
            return F.sum(mul(F.squaredError(d.get(0), dTilde.get(0)), columnSquares()));
        }
        if (route == Route.FORWARD) {
            return F.sumOfSquares(Ops.sub(forward(d), forward(dTilde)));
        }
        return gramNorm(Ops.sub(reverse(d), reverse(dTilde)));
    }

    /**
     * Σ_{p,r} ‖J_r v_{p,r}‖² for probes v [P·R, n_0], row p·R + r being probe p of row r; computed by forward-mode
     * propagation t_1 = (v W_1) ⊙ s_1', t_l = (t_{l−1} W_l) ⊙ s_l'. Cost P·R·Σ n_{l−1} n_l.
     */
    Node sumSquaredProbes(List<Node> d, Node probes, int probeCount) {
        check(d);
        int rows = rows(d);
        if (!probes.shape().equals(Shape.of(probeCount * rows, widths[0]))) {
            throw new IllegalArgumentException("contractive: expected probes of shape [" + probeCount * rows + ", "
                    + widths[0] + "], got " + probes.shape());
        }
        Node t = probes;
        for (int l = 0; l < depth(); l++) {
            int n = widths[l + 1];
            Node tw = matmul(t, weights.get(l));
            Node scaled = probeCount == 1 ? mul(tw, d.get(l))
                    : reshape(mul(reshape(tw, Shape.of(probeCount, rows, n)), d.get(l)), Shape.of(probeCount * rows, n));
            t = scaled;
        }
        return F.sumOfSquares(t);
    }

    /** c_j = Σ_i W_ij² of the single layer, [n_1]. */
    private Node columnSquares() {
        return Ops.reduceSum(F.square(weights.get(0)), false, 0);
    }

    /** T [R·n_0, n_L] with T_r = W_1 D_1 ⋯ W_L D_L = J_rᵀ. */
    private Node forward(List<Node> d) {
        int rows = rows(d);
        int n0 = widths[0];
        Node t = mul(weights.get(0), reshape(d.get(0), Shape.of(rows, 1, widths[1])));
        for (int l = 1; l < depth(); l++) {
            int n = widths[l + 1];
            Node tw = matmul(reshape(t, Shape.of(rows * n0, widths[l])), weights.get(l));
            t = mul(reshape(tw, Shape.of(rows, n0, n)), reshape(d.get(l), Shape.of(rows, 1, n)));
        }
        return reshape(t, Shape.of(rows * n0, widths[depth()]));
    }

    /** S [R·n_L, n_1] with S_r = D_L W_Lᵀ ⋯ W_2ᵀ D_1, for L ≥ 2. */
    private Node reverse(List<Node> d) {
        int rows = rows(d);
        int last = depth();
        int code = widths[last];
        // D_L W_Lᵀ: row r scales the rows of W_Lᵀ by s_L'(a_r).
        Node s = mul(reshape(d.get(last - 1), Shape.of(rows, code, 1)), Ops.transpose(weights.get(last - 1)));
        for (int l = last - 1; l >= 1; l--) {
            int n = widths[l];
            // … ⋅ D_l scales the columns; then ⋅ W_lᵀ unless l is the first layer.
            s = mul(reshape(s, Shape.of(rows, code, n)), reshape(d.get(l - 1), Shape.of(rows, 1, n)));
            if (l > 1) {
                s = matmul(reshape(s, Shape.of(rows * code, n)), weights.get(l - 1), false, true);
            }
        }
        return reshape(s, Shape.of(rows * code, widths[1]));
    }

    /** Σ ‖M W_1ᵀ‖² for M [·, n_1]: via the Gram matrix W_1ᵀ W_1 when that is cheaper, else directly. */
    private Node gramNorm(Node m) {
        Node w1 = weights.get(0);
        if (usesGram(m.shape().dim(0))) {
            Node gram = matmul(w1, w1, true, false);
            return F.sum(mul(matmul(m, gram), m));
        }
        return F.sumOfSquares(matmul(m, w1, false, true));
    }

    private void check(List<Node> d) {
        if (d.size() != depth()) {
            throw new IllegalArgumentException("contractive: expected " + depth() + " derivative tensors, got " + d.size());
        }
        int rows = rows(d);
        for (int l = 0; l < d.size(); l++) {
            if (!d.get(l).shape().equals(Shape.of(rows, widths[l + 1]))) {
                throw new IllegalArgumentException("contractive: layer " + l + ": expected derivatives of shape ["
                        + rows + ", " + widths[l + 1] + "], got " + d.get(l).shape());
            }
        }
    }

    private static int rows(List<Node> d) {
        return d.get(0).shape().dim(0);
    }
}
