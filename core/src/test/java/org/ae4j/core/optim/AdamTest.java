package org.ae4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Session;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void threeStepsMatchTheBiasCorrectedUpdateComputedByHand() {
        // loss = sum((p - target)^2): gradient 2 (p - target).
        Node p = Ops.parameter("p", Shape.of(2));
        Node target = Ops.constant(Shape.of(2), 1.0, -2.0);
        Node loss = F.sum(F.square(Ops.sub(p, target)));
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        Map<String, Node> state = new HashMap<>();
        Map<Node, Node> updates = adam.updates(List.of(p), List.of(org.ae4j.core.ir.Autodiff.gradient(loss, p)),
                (name, shape) -> state.computeIfAbsent(name, n -> Ops.parameter("optimizer." + n, shape)));
        try (Session s = new ReferenceBackend().open(Program.of(List.of(loss), updates))) {
            s.setParameter(p, new float[] {0.5f, 0.5f});
            double[] pv = {0.5, 0.5};
            double[] m = new double[2];
            double[] v = new double[2];
            double[] tv = {1.0, -2.0};
            for (int t = 1; t <= 3; t++) {
                s.run();
                for (int i = 0; i < 2; i++) {
                    double g = 2 * (pv[i] - tv[i]);
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    double mhat = m[i] / (1 - Math.pow(0.9, t));
                    double vhat = v[i] / (1 - Math.pow(0.999, t));
                    pv[i] -= 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
                }
            }
            float[] out = new float[2];
            s.getParameter(p, out);
            assertEquals(pv[0], out[0], 1e-6);
            assertEquals(pv[1], out[1], 1e-6);
        }
    }

    @Test
    void parsesUserSpecAndRejectsBadFields() {
        assertEquals(new Adam(0.01, 0.9, 0.999, 1e-8), Optimizer.parse("adam:lr=0.01"));
        assertEquals(new Sgd(0.1, 0.9), Optimizer.parse("sgd:lr=0.1,momentum=0.9"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Optimizer.parse("sgd:momentum=1.5"));
        assertEquals("optimizer sgd: momentum: expected 0 <= momentum < 1, got 1.5", e.getMessage());
    }
}
