package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contractive penalty's modes against each other and against Jacobians formed explicitly with loops. */
class ContractiveTest {
    private static final List<Integer> UNITS = List.of(5, 3);
    private static final List<Activation> ACTS = List.of(Activation.TANH, Activation.SIGMOID);
    private static final int D = 6;
    private static final int B = 4;

    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of(7, List.of(5, 3), List.of(Activation.TANH, Activation.SIGMOID)),
                Arguments.of(7, List.of(5, 3), List.of(Activation.RELU, Activation.SOFTPLUS)),
                Arguments.of(5, List.of(4, 6, 2), List.of(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY)),
                Arguments.of(3, List.of(6, 8), List.of(Activation.SOFTPLUS, Activation.TANH)),
                Arguments.of(20, List.of(3, 2), List.of(Activation.SIGMOID, Activation.TANH)));
    }

    @ParameterizedTest(name = "d={0} units={1} {2}")
    @MethodSource("encoders")
    void exactNormEqualsExplicitPerRowJacobianOnBothRoutes(int d, List<Integer> units, List<Activation> acts) {
        int batch = 3;
        ModelGraph graph = Models.withRegularizer(units, acts, "contractive:lambda=0.5", d, batch);
        Map<String, double[]> params = Models.randomParameters(graph, 11, 0.8);
        double[] x = Models.uniform(batch * d, 12);
        Map<Node, double[]> feeds = Models.feeds(graph, x, params, Map.of());
        double expected = 0;
        for (int b = 0; b < batch; b++) {
            expected += squaredNorm(explicitJacobian(x, b, d, units, acts, params));
        }
        EncoderJacobian j = EncoderJacobian.of(graph.encoder(), "test");
        List<Node> derivs = EncoderJacobian.derivatives(graph.encoder());

        for (EncoderJacobian.Route r : EncoderJacobian.Route.values()) {
            assertEquals(expected, Models.scalar(j.sumSquaredNorms(derivs, r), feeds), 1e-12 * expected, r.name());
        }
        assertEquals(0.5 * expected / batch, Models.scalar(Models.onlyPenalty(graph), feeds), 1e-12 * expected);
    }

    @Test
    void stochasticEstimateAgreesWithExactWithinItsStandardError() {
        ModelGraph exactGraph = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=1,mode=exact", D, B);
        ModelGraph graph = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=1,mode=stochastic,probes=1", D, B);
        Map<String, double[]> params = Models.randomParameters(graph, 3, 0.8);
        double[] x = Models.uniform(B * D, 4);
        double exact = Models.scalar(Models.onlyPenalty(exactGraph), Models.feeds(exactGraph, x, params, Map.of()));
        Rng rng = new Rng(2024);
        int n = 4000;
        double sum = 0;
        double sumSq = 0;

        for (int i = 0; i < n; i++) {
            double v = Models.scalar(Models.onlyPenalty(graph), Models.feeds(graph, x, params, Models.drawNoise(graph, rng)));
            sum += v;
            sumSq += v * v;
        }

        double mean = sum / n;
        double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        assertTrue(sd > 0, "the estimate varies with the probes");
        assertTrue(Math.abs(mean - exact) < 4 * sd / Math.sqrt(n),
                "mean " + mean + " vs exact " + exact + " (sd " + sd + ", n " + n + ")");
    }

    @Test
    void moreProbesAverageTheirSingleProbeEstimates() {
        int k = 5;
        ModelGraph many = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=1,mode=stochastic,probes=" + k, D, B);
        ModelGraph one = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=1,mode=stochastic,probes=1", D, B);
        Map<String, double[]> params = Models.randomParameters(many, 3, 0.8);
        double[] x = Models.uniform(B * D, 4);
        double[] probes = Models.gaussian(k * B * D, 9);

        double average = 0;
        for (int p = 0; p < k; p++) {
            double[] slice = java.util.Arrays.copyOfRange(probes, p * B * D, (p + 1) * B * D);
            average += Models.scalar(Models.onlyPenalty(one),
                    Models.feeds(one, x, params, Map.of(Contractive.PROBE_NOISE, slice))) / k;
        }

        double value = Models.scalar(Models.onlyPenalty(many),
                Models.feeds(many, x, params, Map.of(Contractive.PROBE_NOISE, probes)));
        assertEquals(average, value, 1e-12 * average);
    }

    @Test
    void higherOrderWithZeroEpsilonEqualsTheExactTerm() {
        String ho = "contractive:lambda=0.3,mode=higher-order,probes=2,gamma=5,epsilon=0";
        ModelGraph graph = Models.withRegularizer(UNITS, ACTS, ho, D, B);
        ModelGraph exactGraph = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=0.3", D, B);
        Map<String, double[]> params = Models.randomParameters(graph, 5, 0.8);
        double[] x = Models.uniform(B * D, 6);

        double value = Models.scalar(Models.onlyPenalty(graph),
                Models.feeds(graph, x, params, Map.of(Contractive.EPSILON_NOISE, Models.gaussian(2 * B * D, 7))));

        double exact = Models.scalar(Models.onlyPenalty(exactGraph), Models.feeds(exactGraph, x, params, Map.of()));
        assertEquals(exact, value, 1e-14);
    }

    @Test
    void higherOrderTermGrowsWithEpsilon() {
        double[] x = Models.uniform(B * D, 6);
        double[] noise = Models.gaussian(B * D, 7);
        double previous = -1;
        Map<String, double[]> params = null;
        for (double eps : new double[] {0.01, 0.1, 0.5}) {
            String ho = "contractive:lambda=0,mode=higher-order,gamma=1,epsilon=" + eps;
            ModelGraph graph = Models.withRegularizer(UNITS, ACTS, ho, D, B);
            params = params == null ? Models.randomParameters(graph, 5, 0.8) : params;
            double v = Models.scalar(Models.onlyPenalty(graph),
                    Models.feeds(graph, x, params, Map.of(Contractive.EPSILON_NOISE, noise)));
            assertTrue(v > previous, "epsilon " + eps + ": " + v + " after " + previous);
            previous = v;
        }
    }

    @Test
    void penaltyIsTakenAtTheCorruptedInput() {
        ModelGraph corrupted = ModelGraph.training(Models.spec(UNITS, ACTS,
                List.of(Models.regularizer("contractive")), Models.corruption("masking:level=0.5")), D, B, 0, 1);
        ModelGraph clean = Models.withRegularizer(UNITS, ACTS, "contractive", D, B);
        Map<String, double[]> params = Models.randomParameters(clean, 5, 0.8);
        double[] x = Models.uniform(B * D, 6);
        double[] mask = new double[B * D];
        double[] masked = new double[B * D];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0 : 1;
            masked[i] = x[i] * mask[i];
        }

        double value = Models.scalar(corrupted.penalties().get("contractive"),
                Models.feeds(corrupted, x, params, Map.of(MaskingCorruption.NOISE, mask)));

        assertEquals(Models.scalar(Models.onlyPenalty(clean), Models.feeds(clean, masked, params, Map.of())), value,
                1e-14);
    }

    @Test
    void probeNoiseIsStandardNormalAndReproducibleFromTheSeed() {
        ModelGraph graph = Models.withRegularizer(List.of(50), ACTS.subList(1, 2),
                "contractive:mode=stochastic,probes=50", 100, 40);
        double[] a = Models.drawNoise(graph, new Rng(1)).get(Contractive.PROBE_NOISE);
        double[] b = Models.drawNoise(graph, new Rng(1)).get(Contractive.PROBE_NOISE);
        double mean = 0;
        double sq = 0;
        for (double v : a) {
            mean += v / a.length;
            sq += v * v / a.length;
        }

        assertArrayEquals(a, b);
        assertEquals(0, mean, 4 / Math.sqrt(a.length));
        assertEquals(1, sq - mean * mean, 4 * Math.sqrt(2.0 / a.length));
    }

    @Test
    void cheapestRouteAvoidsTheWideSide() {
        ModelGraph narrowing = Models.withRegularizer(List.of(256, 32), List.of(Activation.SIGMOID), "contractive", 784, 64);
        ModelGraph widening = Models.withRegularizer(List.of(64, 128), List.of(Activation.SIGMOID), "contractive", 3, 64);

        assertEquals(EncoderJacobian.Route.REVERSE, EncoderJacobian.of(narrowing.encoder(), "t").cheapestRoute(64));
        assertEquals(EncoderJacobian.Route.FORWARD, EncoderJacobian.of(widening.encoder(), "t").cheapestRoute(64));
    }

    @Test
    void referenceCasesExerciseBothRoutesAndBothReverseFinishes() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ReferenceData.Case c : ReferenceData.cases()) {
            if (c.units().size() > 1) {
                EncoderJacobian j = EncoderJacobian.of(c.graph("weight-decay").encoder(), "t");
                EncoderJacobian.Route r = j.cheapestRoute(c.batch());
                int code = c.units().get(c.units().size() - 1);
                seen.add(r == EncoderJacobian.Route.FORWARD ? "forward"
                        : j.usesGram(c.batch() * code) ? "reverse-gram" : "reverse-direct");
            }
        }

        assertEquals(java.util.Set.of("forward", "reverse-gram", "reverse-direct"), seen);
    }

    /** J_b = D_L W_Lᵀ ⋯ D_1 W_1ᵀ for row b, [n_L][d], with plain loops. */
    private static double[][] explicitJacobian(double[] x, int b, int d, List<Integer> units, List<Activation> acts,
                                               Map<String, double[]> params) {
        double[] h = java.util.Arrays.copyOfRange(x, b * d, (b + 1) * d);
        double[][] jac = null;
        int in = d;
        for (int l = 0; l < units.size(); l++) {
            int out = units.get(l);
            double[] w = params.get("encoder." + l + ".weight");
            double[] bias = params.get("encoder." + l + ".bias");
            Activation act = acts.get(l);
            double[] next = new double[out];
            double[] deriv = new double[out];
            for (int j = 0; j < out; j++) {
                double a = bias[j];
                for (int i = 0; i < in; i++) {
                    a += h[i] * w[i * out + j];
                }
                next[j] = apply(act, a);
                deriv[j] = derivative(act, a);
            }
            double[][] nj = new double[out][d];
            for (int j = 0; j < out; j++) {
                for (int c = 0; c < d; c++) {
                    double s = 0;
                    for (int p = 0; p < in; p++) {
                        s += w[p * out + j] * (jac == null ? (p == c ? 1 : 0) : jac[p][c]);
                    }
                    nj[j][c] = deriv[j] * s;
                }
            }
            jac = nj;
            h = next;
            in = out;
        }
        return jac;
    }

    private static double squaredNorm(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    private static double apply(Activation act, double a) {
        switch (act) {
            case IDENTITY: return a;
            case SIGMOID: return 1 / (1 + Math.exp(-a));
            case TANH: return Math.tanh(a);
            case RELU: return Math.max(a, 0);
            case SOFTPLUS: return Math.log1p(Math.exp(a));
        }
        throw new AssertionError(act);
    }

    private static double derivative(Activation act, double a) {
        switch (act) {
            case IDENTITY: return 1;
            case SIGMOID: return Math.exp(-a) / ((1 + Math.exp(-a)) * (1 + Math.exp(-a)));
            case TANH: return 1 - Math.tanh(a) * Math.tanh(a);
            case RELU: return a > 0 ? 1 : 0;
            case SOFTPLUS: return 1 / (1 + Math.exp(-a));
        }
        throw new AssertionError(act);
    }
}
