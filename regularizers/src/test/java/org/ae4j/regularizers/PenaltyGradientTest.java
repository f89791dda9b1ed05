package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every penalty's gradient with respect to every parameter, by Autodiff, against central differences, on the
 * reference cases (one-layer encoders with each activation, two- and three-layer encoders; relu pre-activations
 * kept at least 0.05 from the kink; stochastic and higher-order noise fixed to the reference values).
 */
class PenaltyGradientTest {
    private static final double TOL = 1e-6;

    static Stream<Arguments> penalties() {
        return PenaltyReferenceTest.penalties();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("penalties")
    void penaltyGradientMatchesCentralDifferences(ReferenceData.Case c, String spec, ReferenceData.Penalty p) {
        ModelGraph graph = c.graph(spec);
        Node penalty = graph.penalties().get(p.provider());
        Map<Node, double[]> feeds = Models.feeds(graph, c.x(), c.parameters(), p.noise());

        GradientCheck.assertGradientsMatch(penalty, new ArrayList<>(graph.parameters().values()), feeds, TOL);
    }

    static Stream<Arguments> deepCasesAndRoutes() {
        List<Arguments> out = new ArrayList<>();
        for (ReferenceData.Case c : ReferenceData.cases()) {
            if (c.units().size() > 1) {
                for (EncoderJacobian.Route r : EncoderJacobian.Route.values()) {
                    out.add(Arguments.of(c, r));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deepCasesAndRoutes")
    void exactJacobianNormGradientMatchesCentralDifferencesOnEachRoute(ReferenceData.Case c, EncoderJacobian.Route r) {
        ModelGraph graph = c.graph("weight-decay");
        EncoderJacobian j = EncoderJacobian.of(graph.encoder(), "test");
        Node f = j.sumSquaredNorms(EncoderJacobian.derivatives(graph.encoder()), r);
        Map<Node, double[]> feeds = Models.feeds(graph, c.x(), c.parameters(), Map.of());

        GradientCheck.assertGradientsMatch(f, new ArrayList<>(graph.parameters().values()), feeds, TOL);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deepCasesAndRoutes")
    void jacobianDifferenceGradientMatchesCentralDifferencesOnEachRoute(ReferenceData.Case c, EncoderJacobian.Route r) {
        ModelGraph graph = c.graph("weight-decay");
        EncoderJacobian j = EncoderJacobian.of(graph.encoder(), "test");
        Shape shape = graph.input().shape();
        Node shifted = Ops.add(graph.input(), Ops.constant(shape, Models.gaussian(shape.size(), 5)));
        Node f = j.sumSquaredDifferences(EncoderJacobian.derivatives(graph.encoder()),
                EncoderJacobian.derivatives(graph.encode(F.scale(shifted, 1.0))), r);
        Map<Node, double[]> feeds = Models.feeds(graph, c.x(), c.parameters(), Map.of());

        assertTrue(Models.scalar(f, feeds) > 0, "the shifted Jacobian differs");
        GradientCheck.assertGradientsMatch(f, new ArrayList<>(graph.parameters().values()), feeds, TOL);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "SOFTPLUS"})
    void contractiveGradientReachesBiasThroughTheActivationDerivative(Activation activation) {
        ModelGraph graph = Models.withRegularizer(List.of(3), List.of(activation), "contractive:lambda=1", 4, 2);
        Node bias = graph.parameter("encoder.0.bias");
        Map<Node, double[]> feeds = Models.feeds(graph, Models.uniform(8, 1), Models.randomParameters(graph, 2, 0.7),
                Map.of());

        double[] g = ReferenceExecutor.evaluate(Autodiff.gradient(Models.onlyPenalty(graph), bias), feeds);

        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        assertTrue(norm > 1e-6, "the bias gradient of the contractive penalty vanished: s' was detached");
    }
}
