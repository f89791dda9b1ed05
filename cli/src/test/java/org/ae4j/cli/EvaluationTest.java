package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final PluginRegistry REGISTRY = new PluginRegistry();

    private static Autoencoder model(int d, String activation, Integer... layers) {
        ModelOptions m = new ModelOptions();
        m.layers = List.of(layers);
        m.activation = activation;
        m.outputActivation = "sigmoid";
        m.loss = "squared-error";
        m.optimizer = "adam:lr=1e-3";
        m.regularizers = new ArrayList<>();
        return Autoencoder.initialize(m.spec(REGISTRY), d, 7);
    }

    private static Dataset random(int rows, int d, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[rows * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return new Dataset("random", v, rows, d);
    }

    private static void assertClose(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(expected - actual) <= rel * Math.max(1e-9, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void evalJsonHasEveryFieldWithSaneNumbers() throws Exception {
        Cli.Run r = Cli.run(Cli.quick("--json"));
        assertEquals(0, r.code(), r::toString);
        JsonNode j = EvalOutput.json().readTree(r.out());
        assertEquals(400, j.get("rows").asInt());
        assertEquals(784, j.get("features").asInt());
        assertEquals(64, j.get("code_units").asInt());
        assertTrue(j.get("reconstruction").get("mean_row_squared_error").asDouble() > 0);
        assertEquals("squared-error", j.get("reconstruction").get("loss").asText());
        JsonNode jac = j.get("jacobian");
        assertTrue(jac.get("mean_frobenius_norm").asDouble() > 0);
        assertEquals("closed-form", jac.get("method").asText());
        assertEquals(400, jac.get("rows").asInt());
        JsonNode radii = j.get("contraction").get("radii");
        assertEquals(3, radii.size());
        double[] expected = {0.01, 0.1, 1};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], radii.get(i).get("radius").asDouble());
            assertTrue(radii.get(i).get("ratio").asDouble() > 0, radii.toString());
        }
        double sat = j.get("saturation").get("fraction").asDouble();
        assertTrue(sat >= 0 && sat <= 1, "saturation " + sat);
        assertEquals("sigmoid", j.get("saturation").get("activation").asText());
        double rho = j.get("sparsity").get("mean_activation_mean").asDouble();
        assertTrue(rho > 0 && rho < 1, "mean activation " + rho);
        assertTrue(j.get("sparsity").get("mean_activation_std").asDouble() >= 0);
        JsonNode probe = j.get("linear_probe");
        assertEquals(10, probe.get("classes").asInt());
        assertEquals(400, probe.get("train_rows").asInt() + probe.get("test_rows").asInt());
        for (String k : List.of("code_accuracy", "raw_accuracy")) {
            double a = probe.get(k).asDouble();
            assertTrue(a > 0 && a <= 1, k + " " + a);
        }
        assertTrue(probe.get("code_accuracy").asDouble() > 0.3, "codes carry class information: " + probe);
    }

    @Test
    void evalPrintsAReadableTable() {
        Cli.Run r = Cli.run(Cli.quick("--eval"));
        assertEquals(0, r.code(), r::toString);
        for (String row : List.of("reconstruction", "jacobian", "contraction", "saturation", "sparsity", "linear probe")) {
            assertTrue(r.out().contains("\n  " + row + " "), row + " in " + r);
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbers() {
        String a = Cli.run(Cli.quick("--json")).out();
        String b = Cli.run(Cli.quick("--json")).out();
        assertEquals(a, b);
    }

    @Test
    void oneLayerClosedFormAgreesWithTheExactGraph() {
        for (String act : List.of("sigmoid", "tanh", "softplus", "relu")) {
            Autoencoder m = model(20, act, 16);
            Dataset data = random(12, 20, 1);
            try (Backend b = Backends.create(REGISTRY, "reference", 1)) {
                float[] codes = Inference.run(m, b, data, Inference.Output.CODE).codes();
                var layer = ModelGraph.inference(m.spec(), 20, 1).encoder().layers().get(0);
                JacobianNorms.Result cf = JacobianNorms.closedForm(m, layer, data.rows(), codes);
                JacobianNorms.Result ex = JacobianNorms.exactGraph(m, b, data, cf.rows());
                for (int i = 0; i < data.rows(); i++) {
                    assertClose(ex.norms()[i], cf.norms()[i], 1e-4, act + " row " + i);
                }
            }
        }
    }

    @Test
    void deeperEncodersUseTheExactGraphWhichAgreesWithFiniteDifferences() {
        Autoencoder m = model(12, "tanh", 8, 4);
        Dataset data = random(6, 12, 2);
        try (Backend b = Backends.create(REGISTRY, "reference", 1)) {
            float[] codes = Inference.run(m, b, data, Inference.Output.CODE).codes();
            JacobianNorms.Result ex = JacobianNorms.compute(m, b, data, codes, 100, new Rng(3));
            assertEquals(JacobianNorms.Method.EXACT_GRAPH, ex.method());
            JacobianNorms.Result fd = JacobianNorms.finiteDifferences(m, b, data, ex.rows());
            for (int i = 0; i < data.rows(); i++) {
                assertClose(ex.norms()[i], fd.norms()[i], 1e-3, "row " + i);
            }
        }
    }

    @Test
    void rowByRowMethodsUseASeededSample() {
        int[] a = JacobianNorms.sample(1000, 50, new Rng(5));
        int[] b = JacobianNorms.sample(1000, 50, new Rng(5));
        assertEquals(50, a.length);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertEquals(10, JacobianNorms.sample(10, 50, new Rng(5)).length);
    }

    @Test
    void saturationFollowsTheCodeActivation() {
        Evaluation.Saturation s = Evaluation.saturation(Activation.SIGMOID, new float[] {0.01f, 0.5f, 0.99f, 0.96f}, 2, 2);
        assertEquals(0.75, s.fraction());
        Evaluation.Saturation t = Evaluation.saturation(Activation.TANH, new float[] {-0.97f, 0.2f, 0.9f, 0.99f}, 2, 2);
        assertEquals(0.5, t.fraction());
        Evaluation.Saturation r = Evaluation.saturation(Activation.RELU, new float[] {0f, 1f, 0f, 2f, 0f, 0f}, 3, 2);
        assertEquals(4 / 6.0, r.fraction());
        assertEquals(1, r.deadUnits());
        assertNull(Evaluation.saturation(Activation.IDENTITY, new float[] {5f}, 1, 1).fraction());
    }

    @Test
    void sparsityIsTheSpreadOfMeanActivationsPerUnit() {
        Evaluation.Sparsity s = Evaluation.sparsity(new float[] {0.1f, 0.5f, 0.3f, 0.5f}, 2, 2);
        assertClose(0.35, s.meanActivationMean(), 1e-6, "mean");
        assertClose(0.15, s.meanActivationStd(), 1e-6, "std");
    }

    @Test
    void theLinearProbeSeparatesSeparableClasses() {
        int n = 300;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        Rng rng = new Rng(9);
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[2 * i] = (float) (3 * y[i] + 0.3 * rng.nextGaussian());
            x[2 * i + 1] = (float) rng.nextGaussian();
        }
        int[] train = new int[200];
        int[] test = new int[100];
        for (int i = 0; i < n; i++) {
            if (i < 200) {
                train[i] = i;
            } else {
                test[i - 200] = i;
            }
        }
        assertEquals(1.0, LinearProbe.accuracy(x, 2, y, 3, train, test, new LinearProbe.Budget(200, 32, 0.05), new Rng(1)));
    }
}
