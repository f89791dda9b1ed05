package org.ae4j.core.ir;

import static org.ae4j.core.ir.Ops.abs;
import static org.ae4j.core.ir.Ops.add;
import static org.ae4j.core.ir.Ops.div;
import static org.ae4j.core.ir.Ops.exp;
import static org.ae4j.core.ir.Ops.log;
import static org.ae4j.core.ir.Ops.maximum;
import static org.ae4j.core.ir.Ops.minimum;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.neg;
import static org.ae4j.core.ir.Ops.reduceSum;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sub;
import static org.ae4j.core.ir.Ops.tanh;

/**
 * The façade of composite functions, each built from primitives and written to stay finite for any finite input.
 * Autodiff differentiates them through their primitives, so they need no gradient rules of their own.
 */
public final class F {
    private F() {
    }

    /** x · c for a scalar c. */
    public static Node scale(Node x, double c) {
        return c == 1.0 ? x : mul(x, scalar(c));
    }

    /** x + c for a scalar c. */
    public static Node shift(Node x, double c) {
        return c == 0.0 ? x : add(x, scalar(c));
    }

    public static Node square(Node x) {
        return mul(x, x);
    }

    /** Logistic sigmoid 1/(1+e^-x), computed as ½·tanh(x/2)+½, which never overflows. */
    public static Node sigmoid(Node x) {
        return shift(scale(tanh(scale(x, 0.5)), 0.5), 0.5);
    }

    /** max(x, 0). */
    public static Node relu(Node x) {
        return maximum(x, scalar(0));
    }

    /** 1 where x &gt; 0, else 0 (the derivative of relu; no gradient). */
    public static Node step(Node x) {
        return Ops.greater(x, scalar(0));
    }

    /** log(1+e^x), computed as max(x,0) + log(1+e^-|x|). */
    public static Node softplus(Node x) {
        return add(relu(x), log(shift(exp(neg(abs(x))), 1.0)));
    }

    /** log σ(x) = −softplus(−x). */
    public static Node logSigmoid(Node x) {
        return neg(softplus(neg(x)));
    }

    /** Elementwise binary cross-entropy −[t·log σ(z) + (1−t)·log(1−σ(z))] from logits z, as softplus(z) − t·z. */
    public static Node sigmoidCrossEntropyWithLogits(Node logits, Node targets) {
        return sub(softplus(logits), mul(targets, logits));
    }

    /** Elementwise (a − b)². */
    public static Node squaredError(Node a, Node b) {
        return square(sub(a, b));
    }

    /** min(max(x, lo), hi). */
    public static Node clamp(Node x, double lo, double hi) {
        return minimum(maximum(x, scalar(lo)), scalar(hi));
    }

    /**
     * KL divergence between Bernoulli distributions, KL(ρ‖q) = ρ·log(ρ/q) + (1−ρ)·log((1−ρ)/(1−q)), elementwise
     * over q, for a constant 0 &lt; ρ &lt; 1. q must lie in (0,1); clamp it first when it may touch the ends.
     */
    public static Node klBernoulli(double rho, Node q) {
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("rho: expected 0 < rho < 1, got " + rho);
        }
        Node a = scale(sub(scalar(Math.log(rho)), log(q)), rho);
        Node b = scale(sub(scalar(Math.log1p(-rho)), log(sub(scalar(1), q))), 1 - rho);
        return add(a, b);
    }

    /** Sum over the last axis of a [rows, cols] tensor: a [rows] vector. */
    public static Node rowSum(Node x) {
        return reduceSum(x, false, x.shape().rank() - 1);
    }

    /** Mean over axis 0 (the batch), keeping the other axes. */
    public static Node batchMean(Node x) {
        return scale(reduceSum(x, false, 0), 1.0 / x.shape().dim(0));
    }

    /** (1/B)·Σ_b Σ_j x_bj for a [B, n] tensor: the per-row sum averaged over the batch, a scalar. */
    public static Node meanRowSum(Node x) {
        return scale(Ops.sumAll(x), 1.0 / x.shape().dim(0));
    }

    /** Sum of all elements. */
    public static Node sum(Node x) {
        return Ops.sumAll(x);
    }

    /** Sum of squares of all elements. */
    public static Node sumOfSquares(Node x) {
        return Ops.sumAll(square(x));
    }

    /** a / b with a scalar b. */
    public static Node divScalar(Node a, double b) {
        return div(a, scalar(b));
    }
}
