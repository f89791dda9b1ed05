package org.ae4j.examples.orthogonality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.model.ModelGraph;
import org.junit.jupiter.api.Test;

class OrthogonalityPenaltyTest {
    private static final int D = 5;
    private static final int K = 3;
    private static final int BATCH = 4;

    private final ModelGraph graph = ModelGraph.training(Fixtures.withOrthogonality(K, "orthogonality:lambda=0.5"),
            D, BATCH, 0, 1);
    private final Node penalty = graph.penalties().get("orthogonality");
    private final Node w1 = graph.encoder().layers().get(0).weight();

    /** Random values for the input and every parameter of the graph. */
    private Map<Node, double[]> randomFeeds(long seed) {
        Random rnd = new Random(seed);
        Map<Node, double[]> feeds = new HashMap<>();
        feeds.put(graph.input(), random(rnd, graph.input().shape().size()));
        for (Node p : graph.parameters().values()) {
            feeds.put(p, random(rnd, p.shape().size()));
        }
        return feeds;
    }

    private static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * 0.7;
        }
        return v;
    }

    @Test
    void penaltyEqualsLambdaTimesSquaredFrobeniusDefectComputedInPlainJava() {
        Map<Node, double[]> feeds = randomFeeds(7);
        double value = ReferenceExecutor.evaluate(penalty, feeds)[0];
        double expected = 0.5 * Fixtures.orthogonalityDefect(feeds.get(w1), D, K);
        assertEquals(expected, value, 1e-12 * Math.max(1, expected));
    }

    @Test
    void penaltyIsZeroForOrthonormalColumns() {
        Map<Node, double[]> feeds = randomFeeds(8);
        double[] w = new double[D * K];
        for (int j = 0; j < K; j++) {
            w[j * K + j] = 1;
        }
        feeds.put(w1, w);
        assertEquals(0.0, ReferenceExecutor.evaluate(penalty, feeds)[0], 0.0);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Map<Node, double[]> feeds = randomFeeds(9);
        Node grad = Autodiff.gradient(penalty, w1);
        double[] analytic = ReferenceExecutor.evaluate(grad, feeds);
        double[] base = feeds.get(w1);
        double h = 1e-6;
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[i] += h;
            minus[i] -= h;
            feeds.put(w1, plus);
            double up = ReferenceExecutor.evaluate(penalty, feeds)[0];
            feeds.put(w1, minus);
            double down = ReferenceExecutor.evaluate(penalty, feeds)[0];
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6 * Math.max(1, Math.abs(numeric)), "d penalty / d W1[" + i + "]");
        }
    }
}
