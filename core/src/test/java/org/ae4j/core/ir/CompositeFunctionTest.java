package org.ae4j.core.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeFunctionTest {
    private static final double[] XS = {-1000, -40, -5, -0.3, 0, 0.7, 5, 40, 1000};
    private final Node x = Ops.input("x", Shape.of(XS.length));

    private double[] eval(Node out) {
        return ReferenceExecutor.evaluate(out, Map.of(x, XS));
    }

    @Test
    void sigmoidIsFiniteAndExactAtExtremes() {
        double[] s = eval(F.sigmoid(x));
        for (int i = 0; i < XS.length; i++) {
            assertEquals(1 / (1 + Math.exp(-XS[i])), s[i], 1e-15, "x=" + XS[i]);
        }
    }

    @Test
    void softplusDoesNotOverflowAndMatchesLog1pExp() {
        double[] s = eval(F.softplus(x));
        for (int i = 0; i < XS.length; i++) {
            double expected = XS[i] > 30 ? XS[i] : Math.log1p(Math.exp(XS[i]));
            assertEquals(expected, s[i], 1e-12 * Math.max(1, Math.abs(expected)), "x=" + XS[i]);
        }
    }

    @Test
    void logSigmoidIsFiniteForLargeNegativeInputs() {
        double[] s = eval(F.logSigmoid(x));
        assertEquals(-1000, s[0], 1e-9);
        assertTrue(Double.isFinite(s[s.length - 1]));
    }

    @Test
    void crossEntropyFromLogitsMatchesTheDefinitionAndStaysFinite() {
        Node t = Ops.constant(Shape.of(XS.length), 0, 1, 0.5, 0.2, 1, 0, 0.3, 1, 0);
        double[] ce = ReferenceExecutor.evaluate(F.sigmoidCrossEntropyWithLogits(x, t), Map.of(x, XS));
        for (int i = 0; i < XS.length; i++) {
            assertTrue(Double.isFinite(ce[i]), "finite at " + XS[i]);
            if (Math.abs(XS[i]) < 30) {
                double p = 1 / (1 + Math.exp(-XS[i]));
                double ti = t.valueAt(i);
                assertEquals(-(ti * Math.log(p) + (1 - ti) * Math.log(1 - p)), ce[i], 1e-12);
            }
        }
        assertEquals(1000, ce[XS.length - 1], 1e-9); // target 0, logit 1000
    }

    @Test
    void klBernoulliMatchesTheFormula() {
        Node q = Ops.constant(Shape.of(3), 0.01, 0.05, 0.7);
        double[] kl = ReferenceExecutor.evaluate(F.klBernoulli(0.05, q), Map.of());
        for (int i = 0; i < 3; i++) {
            double qi = q.valueAt(i);
            assertEquals(0.05 * Math.log(0.05 / qi) + 0.95 * Math.log(0.95 / (1 - qi)), kl[i], 1e-14);
        }
        assertEquals(0, kl[1], 1e-15);
    }

    @Test
    void compositeGradientsMatchCentralDifferences() {
        Node v = Ops.input("v", Shape.of(4));
        Node t = Ops.constant(Shape.of(4), 0.2, 0.9, 0.5, 0.0);
        Node loss = Ops.add(Ops.add(F.sum(F.sigmoidCrossEntropyWithLogits(v, t)), F.sum(F.softplus(v))),
                F.sum(F.klBernoulli(0.1, F.clamp(F.sigmoid(v), 1e-6, 1 - 1e-6))));
        GradCheck.check(loss, List.of(v), Map.of(v, new double[] {-2.1, 0.3, 1.7, 4.2}), 1e-7);
    }

    @Test
    void secondOrderGradientMatchesCentralDifferences() {
        // loss = sum((d/dz sum(tanh(z)))^2) with z = x*w: needs gradients of gradients.
        Node in = Ops.input("in", Shape.of(3));
        Node w = Ops.input("w", Shape.of(3));
        Node z = Ops.mul(in, w);
        Node dz = Autodiff.gradient(F.sum(Ops.tanh(z)), z);
        Node loss = F.sum(F.square(dz));
        GradCheck.check(loss, List.of(w, in),
                Map.of(in, new double[] {0.5, -1.2, 2.0}, w, new double[] {0.7, 0.4, -0.3}), 1e-7);
    }
}
