package org.ae4j.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;

/**
 * A backend that runs programs with {@link ReferenceExecutor} (values stored as float32), to check the conformance
 * suite itself: every check must pass against the oracle. It allocates on every run.
 */
final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Session open(Program program) {
        return new ReferenceSession(program);
    }

    @Override
    public String describe() {
        return "reference executor (double precision, for tests)";
    }

    private static final class ReferenceSession implements Session {
        private final Program program;
        private final Map<Node, double[]> leaves = new HashMap<>();
        private final Deque<Map<Node, double[]>> history = new ArrayDeque<>();
        private Map<Node, double[]> last;

        ReferenceSession(Program program) {
            this.program = program;
            for (Node n : program.inputs()) {
                leaves.put(n, new double[n.shape().size()]);
            }
            for (Node n : program.parameters()) {
                leaves.put(n, new double[n.shape().size()]);
            }
        }

        @Override
        public Program program() {
            return program;
        }

        private double[] leaf(Node n, String kind) {
            double[] v = leaves.get(n);
            if (v == null || !n.op().name().equals(kind)) {
                throw new IllegalArgumentException(n + " is not a" + (kind.equals("INPUT") ? "n input" : " parameter")
                        + " of this program");
            }
            return v;
        }

        private static void check(Node n, int found) {
            if (found != n.shape().size()) {
                throw new IllegalArgumentException("'" + n.name() + "': expected " + n.shape().size() + ", got "
                        + found);
            }
        }

        @Override
        public void setParameter(Node parameter, float[] values) {
            double[] v = leaf(parameter, "PARAMETER");
            check(parameter, values.length);
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i];
            }
        }

        @Override
        public void getParameter(Node parameter, float[] dst) {
            double[] v = leaf(parameter, "PARAMETER");
            check(parameter, dst.length);
            for (int i = 0; i < v.length; i++) {
                dst[i] = (float) v[i];
            }
        }

        @Override
        public void setInput(Node input, float[] src, int offset) {
            double[] v = leaf(input, "INPUT");
            if (offset < 0 || src.length - offset < v.length) {
                throw new IllegalArgumentException("input '" + input.name() + "': expected " + v.length
                        + " values from offset " + offset + ", array length " + src.length);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = src[offset + i];
            }
        }

        @Override
        public void run() {
            List<Node> roots = new ArrayList<>(program.outputs());
            roots.addAll(program.updates().values());
            Map<Node, double[]> values = ReferenceExecutor.evaluate(roots, leaves);
            Map<Node, double[]> before = new HashMap<>();
            for (Node p : program.parameters()) {
                before.put(p, leaves.get(p).clone());
            }
            history.push(before);
            while (history.size() > 2) {
                history.removeLast();
            }
            for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
                double[] v = values.get(e.getValue()).clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) v[i];
                }
                leaves.put(e.getKey(), v);
            }
            last = values;
        }

        @Override
        public void getOutput(Node output, float[] dst) {
            if (!program.outputs().contains(output) || last == null) {
                throw new IllegalArgumentException(output + " is not an output of the last run");
            }
            double[] v = last.get(output);
            check(output, dst.length);
            for (int i = 0; i < v.length; i++) {
                dst[i] = (float) v[i];
            }
        }

        @Override
        public float scalarOutput(Node output) {
            float[] v = new float[1];
            getOutput(output, v);
            return v[0];
        }

        @Override
        public void revert(int runs) {
            if (runs < 1 || runs > 2) {
                throw new IllegalArgumentException("runs: expected 1 or 2, got " + runs);
            }
            if (runs > history.size()) {
                throw new IllegalStateException("only " + history.size() + " runs to revert");
            }
            Map<Node, double[]> target = null;
            for (int i = 0; i < runs; i++) {
                target = history.pop();
            }
            leaves.putAll(target);
        }

        @Override
        public void close() {
        }
    }
}
