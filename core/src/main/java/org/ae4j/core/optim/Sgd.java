package org.ae4j.core.optim;

import static org.ae4j.core.ir.Ops.add;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;

/**
 * Stochastic gradient descent, with optional momentum: v' = μ·v + g, p' = p − lr·v' (plain: p' = p − lr·g).
 *
 * @param lr learning rate, &gt; 0
 * @param momentum μ in [0, 1)
 */
public record Sgd(double lr, double momentum) implements Optimizer {
    public Sgd {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: expected a finite number > 0, got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum: expected 0 <= momentum < 1, got " + momentum);
        }
    }

    /** lr 0.1, no momentum. */
    public static Sgd defaults() {
        return new Sgd(0.1, 0.0);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Map<Node, Node> updates(List<Node> params, List<Node> grads, OptimizerState state) {
        Map<Node, Node> out = new LinkedHashMap<>();
        Node lrNode = scalar(lr);
        for (int i = 0; i < params.size(); i++) {
            Node p = params.get(i);
            Node g = grads.get(i);
            if (momentum == 0) {
                out.put(p, sub(p, mul(lrNode, g)));
            } else {
                Node v = state.create(p.name() + ".velocity", p.shape());
                Node v2 = add(mul(scalar(momentum), v), g);
                out.put(v, v2);
                out.put(p, sub(p, mul(lrNode, v2)));
            }
        }
        return out;
    }
}
