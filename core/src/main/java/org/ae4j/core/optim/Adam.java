package org.ae4j.core.optim;

import static org.ae4j.core.ir.Ops.add;
import static org.ae4j.core.ir.Ops.div;
import static org.ae4j.core.ir.Ops.exp;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sqrt;
import static org.ae4j.core.ir.Ops.sub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Shape;

/**
 * Adam (Kingma &amp; Ba 2015) as IR, in the form PyTorch uses: t' = t+1, m' = β1·m + (1−β1)·g,
 * v' = β2·v + (1−β2)·g², p' = p − (lr / (1−β1^t')) · m' / (√v' / √(1−β2^t') + ε). The step count t is a
 * state tensor, and β^t is computed in the graph as exp(t·ln β).
 *
 * @param lr learning rate, &gt; 0
 * @param beta1 in [0, 1)
 * @param beta2 in [0, 1)
 * @param epsilon &gt; 0
 */
public record Adam(double lr, double beta1, double beta2, double epsilon) implements Optimizer {
    public Adam {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: expected a finite number > 0, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1: expected 0 <= beta1 < 1, got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2: expected 0 <= beta2 < 1, got " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon: expected > 0, got " + epsilon);
        }
    }

    /** lr 1e-3, β1 0.9, β2 0.999, ε 1e-8. */
    public static Adam defaults() {
        return new Adam(1e-3, 0.9, 0.999, 1e-8);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public Map<Node, Node> updates(List<Node> params, List<Node> grads, OptimizerState state) {
        Map<Node, Node> out = new LinkedHashMap<>();
        Node t = state.create("step", Shape.scalar());
        Node t1 = add(t, scalar(1));
        out.put(t, t1);
        // Bias corrections; beta == 0 means no correction is needed (beta^t = 0).
        Node c1 = beta1 == 0 ? scalar(1) : sub(scalar(1), exp(mul(t1, scalar(Math.log(beta1)))));
        Node c2 = beta2 == 0 ? scalar(1) : sub(scalar(1), exp(mul(t1, scalar(Math.log(beta2)))));
        Node stepSize = div(scalar(lr), c1);
        Node sqrtC2 = sqrt(c2);
        for (int i = 0; i < params.size(); i++) {
            Node p = params.get(i);
            Node g = grads.get(i);
            Node m = state.create(p.name() + ".m", p.shape());
            Node v = state.create(p.name() + ".v", p.shape());
            Node m2 = add(mul(scalar(beta1), m), mul(scalar(1 - beta1), g));
            Node v2 = add(mul(scalar(beta2), v), mul(scalar(1 - beta2), mul(g, g)));
            Node denom = add(div(sqrt(v2), sqrtC2), scalar(epsilon));
            out.put(m, m2);
            out.put(v, v2);
            out.put(p, sub(p, mul(stepSize, div(m2, denom))));
        }
        return out;
    }
}
