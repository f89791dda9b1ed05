package org.ae4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;

/** Runs graphs on a backend with double feeds, for comparison with the reference executor. */
public final class Runs {
    private Runs() {
    }

    /** Rounds to float32. */
    public static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** Feeds every INPUT and PARAMETER of the session's program from {@code feeds}. */
    public static void feed(Session session, Map<Node, double[]> feeds) {
        Program p = session.program();
        for (Node n : p.inputs()) {
            session.setInput(n, toFloat(require(feeds, n)), 0);
        }
        for (Node n : p.parameters()) {
            session.setParameter(n, toFloat(require(feeds, n)));
        }
    }

    private static double[] require(Map<Node, double[]> feeds, Node n) {
        double[] v = feeds.get(n);
        if (v == null) {
            throw new IllegalArgumentException("no value for " + n);
        }
        return v;
    }

    /** Opens a program over {@code outputs} (no updates), feeds it, runs it once and returns each output. */
    public static List<float[]> evaluate(Backend backend, List<Node> outputs, Map<Node, double[]> feeds) {
        Program program = Program.of(outputs, Map.of());
        try (Session session = backend.open(program)) {
            feed(session, feeds);
            session.run();
            List<float[]> out = new ArrayList<>();
            for (Node n : outputs) {
                float[] dst = new float[n.shape().size()];
                session.getOutput(n, dst);
                out.add(dst);
            }
            return out;
        }
    }

    /** The feeds restricted to the leaves the nodes depend on. */
    public static Map<Node, double[]> restrict(Map<Node, double[]> feeds, List<Node> nodes) {
        Map<Node, double[]> out = new java.util.HashMap<>();
        for (Node n : org.ae4j.core.ir.Graphs.topologicalOrder(nodes)) {
            if (n.op() == Op.INPUT || n.op() == Op.PARAMETER) {
                out.put(n, require(feeds, n));
            }
        }
        return out;
    }
}
