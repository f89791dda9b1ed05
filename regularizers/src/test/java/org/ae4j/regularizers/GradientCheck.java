package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.ReferenceExecutor;

/** Central differences (h = 1e−6, double precision) against Autodiff, through the reference executor. */
final class GradientCheck {
    static final double H = 1e-6;

    private GradientCheck() {
    }

    /** Asserts that d f / d w by Autodiff matches central differences for every element of every wrt node. */
    static void assertGradientsMatch(Node f, List<Node> wrt, Map<Node, double[]> feeds, double relTol) {
        List<Node> grads = Autodiff.gradients(f, wrt);
        Map<Node, double[]> values = ReferenceExecutor.evaluate(grads, feeds);
        for (int w = 0; w < wrt.size(); w++) {
            Node leaf = wrt.get(w);
            double[] analytic = values.get(grads.get(w));
            double[] base = feeds.get(leaf);
            for (int i = 0; i < base.length; i++) {
                double numeric = centralDifference(f, feeds, leaf, i);
                double tol = relTol * Math.max(1.0, Math.abs(numeric));
                assertEquals(numeric, analytic[i], tol, "d/d " + leaf.name() + "[" + i + "]");
            }
        }
    }

    static double centralDifference(Node f, Map<Node, double[]> feeds, Node leaf, int i) {
        Map<Node, double[]> plus = new HashMap<>(feeds);
        Map<Node, double[]> minus = new HashMap<>(feeds);
        double[] p = feeds.get(leaf).clone();
        double[] m = feeds.get(leaf).clone();
        p[i] += H;
        m[i] -= H;
        plus.put(leaf, p);
        minus.put(leaf, m);
        return (ReferenceExecutor.evaluate(f, plus)[0] - ReferenceExecutor.evaluate(f, minus)[0]) / (2 * H);
    }
}
