package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.ModelGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Penalty values against PyTorch float64 references (Jacobians from torch.autograd.functional.jacobian). */
class PenaltyReferenceTest {
    static Stream<Arguments> penalties() {
        List<Arguments> out = new ArrayList<>();
        for (ReferenceData.Case c : ReferenceData.cases()) {
            for (ReferenceData.Penalty p : c.penalties()) {
                out.add(Arguments.of(c, p.spec(), p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("penalties")
    void penaltyValueMatchesPyTorchReference(ReferenceData.Case c, String spec, ReferenceData.Penalty p) {
        ModelGraph graph = c.graph(spec);
        Node penalty = graph.penalties().get(p.provider());
        Map<Node, double[]> feeds = Models.feeds(graph, c.x(), c.parameters(), p.noise());

        double actual = Models.scalar(penalty, feeds);

        assertEquals(p.value(), actual, 1e-10 * Math.max(1e-3, Math.abs(p.value())), spec);
    }

    @Test
    void referenceCoversEveryRegularizerAndActivation() {
        java.util.Set<String> providers = new java.util.HashSet<>();
        java.util.Set<String> codeActivations = new java.util.HashSet<>();
        boolean deep = false;
        for (ReferenceData.Case c : ReferenceData.cases()) {
            c.penalties().forEach(p -> providers.add(p.provider()));
            if (c.units().size() == 1) {
                codeActivations.add(c.activations().get(0).name());
            } else {
                deep = true;
            }
        }
        assertEquals(Models.regularizerProviders().keySet(), providers);
        assertEquals(java.util.Set.of("SIGMOID", "TANH", "RELU", "SOFTPLUS", "IDENTITY"), codeActivations);
        assertTrue(deep, "a multi-layer case");
    }
}
