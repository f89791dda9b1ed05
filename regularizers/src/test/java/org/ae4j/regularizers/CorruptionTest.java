package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The corruptions' statistics, formulas and determinism, and that they apply only when training. */
class CorruptionTest {
    private static final int B = 200;
    private static final int D = 500;
    private static final int N = B * D;

    /** The corrupted batch x̃ for the given clean batch, data range and noise drawn from the seed. */
    private static double[] corrupt(String corruption, double[] x, double min, double max, long seed) {
        ModelGraph graph = graph(corruption, min, max);
        Map<String, double[]> noise = Models.drawNoise(graph, new Rng(seed));
        return ReferenceExecutor.evaluate(graph.encoderInput(),
                Models.feeds(graph, x, Models.randomParameters(graph, 1, 0.1), noise));
    }

    private static ModelGraph graph(String corruption, double min, double max) {
        return ModelGraph.training(Models.spec(List.of(2), List.of(Activation.SIGMOID), List.of(),
                Models.corruption(corruption)), D, B, min, max);
    }

    private static double[] filled(double v) {
        double[] x = new double[N];
        Arrays.fill(x, v);
        return x;
    }

    /** Asserts count/N ≈ p within four binomial standard errors. */
    private static void assertFraction(double p, long count, String what) {
        double bound = 4 * Math.sqrt(p * (1 - p) / N);
        assertEquals(p, (double) count / N, bound, what);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.75})
    void maskingZeroesAboutLevelOfTheEntries(double level) {
        double[] xt = corrupt("masking:level=" + level, filled(0.7), 0, 1, 3);

        long zeros = Arrays.stream(xt).filter(v -> v == 0).count();
        long kept = Arrays.stream(xt).filter(v -> v == 0.7).count();
        assertFraction(level, zeros, "zeroed");
        assertEquals(N, zeros + kept, "every entry is either zeroed or kept");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.4})
    void gaussianNoiseHasTheConfiguredStandardDeviation(double sigma) {
        double[] x = Models.uniform(N, 8);

        double[] xt = corrupt("gaussian:sigma=" + sigma, x, 0, 1, 4);

        double mean = 0;
        double sq = 0;
        for (int i = 0; i < N; i++) {
            double e = xt[i] - x[i];
            mean += e / N;
            sq += e * e / N;
        }
        double sd = Math.sqrt(sq - mean * mean);
        assertEquals(0, mean, 4 * sigma / Math.sqrt(N));
        assertEquals(sigma, sd, 4 * sigma / Math.sqrt(2.0 * N));
    }

    @Test
    void gaussianClipKeepsValuesInTheDataRange() {
        double[] x = Models.uniform(N, 8);

        double[] clipped = corrupt("gaussian:sigma=0.5,clip=true", x, -0.25, 1.5, 4);
        double[] unclipped = corrupt("gaussian:sigma=0.5,clip=false", x, -0.25, 1.5, 4);

        assertTrue(Arrays.stream(clipped).allMatch(v -> v >= -0.25 && v <= 1.5));
        assertTrue(Arrays.stream(unclipped).anyMatch(v -> v < -0.25) && Arrays.stream(unclipped).anyMatch(v -> v > 1.5));
        for (int i = 0; i < N; i++) {
            assertEquals(Math.min(Math.max(unclipped[i], -0.25), 1.5), clipped[i], 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5})
    void saltAndPepperSetsAboutLevelToMinOrMaxHalfEach(double level) {
        double[] xt = corrupt("salt-and-pepper:level=" + level, filled(0.3), -1, 2, 5);

        long salt = Arrays.stream(xt).filter(v -> v == 2).count();
        long pepper = Arrays.stream(xt).filter(v -> v == -1).count();
        long kept = Arrays.stream(xt).filter(v -> v == 0.3).count();
        assertFraction(level / 2, salt, "set to max");
        assertFraction(level / 2, pepper, "set to min");
        assertEquals(N, salt + pepper + kept, "every entry is min, max or kept");
    }

    @Test
    void saltAndPepperFollowsItsNoiseTensor() {
        ModelGraph graph = graph("salt-and-pepper:level=0.5", -1, 2);
        double[] x = Models.uniform(N, 2);
        double[] u = new double[N];
        for (int i = 0; i < N; i++) {
            u[i] = i % 3 - 1;
        }

        double[] xt = ReferenceExecutor.evaluate(graph.encoderInput(),
                Models.feeds(graph, x, Models.randomParameters(graph, 1, 0.1),
                        Map.of(SaltAndPepperCorruption.NOISE, u)));

        for (int i = 0; i < N; i++) {
            assertEquals(u[i] == 1 ? 2 : u[i] == -1 ? -1 : x[i], xt[i], 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.3, 0.5, 0.999})
    void theBranchFreeSamplersDrawWhatOneNextDoublePerEntryWouldGive(double level) {
        // The documented definitions, one nextDouble() per entry, in order; then the generator's next draw.
        Rng masking = new Rng(77);
        Rng saltAndPepper = new Rng(77);
        double[] mask = new double[N];
        double[] u = new double[N];
        for (int i = 0; i < N; i++) {
            mask[i] = masking.nextDouble() < level ? 0 : 1;
            double r = saltAndPepper.nextDouble();
            u[i] = r < level / 2 ? 1 : r < level ? -1 : 0;
        }
        Rng rng = new Rng(77);
        assertArrayEquals(mask, Models.drawNoise(graph("masking:level=" + level, 0, 1), rng)
                .get(MaskingCorruption.NOISE));
        assertEquals(masking.nextLong(), rng.nextLong(), "the generator moved past exactly N draws");
        rng = new Rng(77);
        assertArrayEquals(u, Models.drawNoise(graph("salt-and-pepper:level=" + level, 0, 1), rng)
                .get(SaltAndPepperCorruption.NOISE));
        assertEquals(saltAndPepper.nextLong(), rng.nextLong(), "the generator moved past exactly N draws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian:sigma=0.3", "masking:level=0.3", "salt-and-pepper:level=0.3"})
    void noiseIsReproducibleFromTheSeed(String corruption) {
        double[] x = Models.uniform(N, 8);

        assertArrayEquals(corrupt(corruption, x, 0, 1, 42), corrupt(corruption, x, 0, 1, 42));
        assertTrue(!Arrays.equals(corrupt(corruption, x, 0, 1, 42), corrupt(corruption, x, 0, 1, 43)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian:sigma=0.3,clip=true", "masking:level=0.3", "salt-and-pepper:level=0.3"})
    void corruptionIsNotAppliedAtInference(String corruption) {
        ModelGraph inference = ModelGraph.inference(Models.spec(List.of(2), List.of(Activation.SIGMOID), List.of(),
                Models.corruption(corruption)), D, 4);

        assertSame(inference.input(), inference.encoderInput());
        assertTrue(inference.noiseInputs().isEmpty());
        Program p = inference.inferenceProgram();
        assertEquals(List.of(ModelGraph.INPUT), p.inputs().stream().map(Node::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian:sigma=0.2", "masking:level=0.3", "salt-and-pepper:level=0.3"})
    void gradientFlowsThroughTheCorruptionToTheInput(String corruption) {
        ModelGraph graph = ModelGraph.training(Models.spec(List.of(2), List.of(Activation.SIGMOID), List.of(),
                Models.corruption(corruption)), 6, 3, 0, 1);
        Node f = F.sumOfSquares(graph.encoderInput());
        Map<Node, double[]> feeds = Models.feeds(graph, Models.uniform(18, 3), Models.randomParameters(graph, 1, 0.1),
                Models.drawNoise(graph, new Rng(9)));
        List<Node> wrt = new ArrayList<>(List.of(graph.input()));

        GradientCheck.assertGradientsMatch(f, wrt, feeds, 1e-6);
    }
}
