package org.ae4j.core.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Central-difference gradient checks through the reference executor, in double precision. */
public final class GradCheck {
    private GradCheck() {
    }

    /** Asserts d loss / d wrt (by autodiff) matches central differences at the fed values. */
    public static void check(Node loss, List<Node> wrt, Map<Node, double[]> feeds, double relTol) {
        List<Node> grads = Autodiff.gradients(loss, wrt);
        Map<Node, double[]> values = ReferenceExecutor.evaluate(grads, feeds);
        double h = 1e-6;
        for (int w = 0; w < wrt.size(); w++) {
            Node leaf = wrt.get(w);
            double[] analytic = values.get(grads.get(w));
            double[] base = feeds.get(leaf);
            for (int i = 0; i < base.length; i++) {
                Map<Node, double[]> plus = new HashMap<>(feeds);
                Map<Node, double[]> minus = new HashMap<>(feeds);
                double[] p = base.clone();
                double[] m = base.clone();
                p[i] += h;
                m[i] -= h;
                plus.put(leaf, p);
                minus.put(leaf, m);
                double numeric = (ReferenceExecutor.evaluate(loss, plus)[0] - ReferenceExecutor.evaluate(loss, minus)[0])
                        / (2 * h);
                double tol = relTol * Math.max(1.0, Math.abs(numeric));
                assertEquals(numeric, analytic[i], tol, "d/d " + leaf.name() + "[" + i + "]");
            }
        }
    }
}
