package org.ae4j.core.reference;

import java.util.ArrayDeque;
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
 * A backend that runs programs on the {@link ReferenceExecutor}, in double precision. Slow and allocating, but
 * obviously correct: use it to check other backends or to debug a plugin.
 */
public final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String describe() {
        return "reference executor (double precision, single thread)";
    }

    @Override
    public Session open(Program program) {
        return new ReferenceSession(program);
    }

    /** A session over the reference executor. */
    private static final class ReferenceSession implements Session {
        private final Program program;
        private final Map<Node, double[]> params = new HashMap<>();
        private final Map<Node, double[]> inputs = new HashMap<>();
        private final Deque<Map<Node, double[]>> history = new ArrayDeque<>();
        private Map<Node, double[]> outputs = Map.of();

        ReferenceSession(Program program) {
            this.program = program;
            for (Node p : program.parameters()) {
                params.put(p, new double[p.shape().size()]);
            }
        }

        @Override
        public Program program() {
            return program;
        }

        private void check(Node n, List<Node> allowed, int length, String what) {
            if (!allowed.contains(n)) {
                throw new IllegalArgumentException(n + " is not " + what + " of this program");
            }
            if (length < n.shape().size()) {
                throw new IllegalArgumentException(n.op() + " '" + n.name() + "': expected " + n.shape().size()
                        + " values for shape " + n.shape() + ", got " + length);
            }
        }

        @Override
        public void setParameter(Node parameter, float[] values) {
            check(parameter, program.parameters(), values.length, "a parameter");
            if (values.length != parameter.shape().size()) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "': expected "
                        + parameter.shape().size() + " values, got " + values.length);
            }
            double[] v = params.get(parameter);
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i];
            }
            history.clear();
        }

        @Override
        public void getParameter(Node parameter, float[] dst) {
            check(parameter, program.parameters(), dst.length, "a parameter");
            double[] v = params.get(parameter);
            for (int i = 0; i < v.length; i++) {
                dst[i] = (float) v[i];
            }
        }

        @Override
        public void setInput(Node input, float[] src, int offset) {
            check(input, program.inputs(), src.length - offset, "an input");
            double[] v = new double[input.shape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = src[offset + i];
            }
            inputs.put(input, v);
        }

        @Override
        public void run() {
            Map<Node, double[]> feeds = new HashMap<>(inputs);
            feeds.putAll(params);
            List<Node> roots = new java.util.ArrayList<>(program.outputs());
            roots.addAll(program.updates().values());
            Map<Node, double[]> values = ReferenceExecutor.evaluate(roots, feeds);
            Map<Node, double[]> before = new HashMap<>();
            params.forEach((k, v) -> before.put(k, v.clone()));
            history.push(before);
            while (history.size() > 2) {
                history.removeLast();
            }
            for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
                params.put(e.getKey(), values.get(e.getValue()).clone());
            }
            outputs = values;
        }

        @Override
        public void getOutput(Node output, float[] dst) {
            double[] v = outputs.get(output);
            if (v == null || !program.outputs().contains(output)) {
                throw new IllegalArgumentException(output + " is not an output of the last run");
            }
            for (int i = 0; i < v.length; i++) {
                dst[i] = (float) v[i];
            }
        }

        @Override
        public float scalarOutput(Node output) {
            float[] one = new float[1];
            getOutput(output, one);
            return one[0];
        }

        @Override
        public void revert(int runs) {
            if (runs < 1 || runs > history.size()) {
                throw new IllegalArgumentException("revert: expected 1.." + history.size() + " runs, got " + runs);
            }
            Map<Node, double[]> target = null;
            for (int i = 0; i < runs; i++) {
                target = history.pop();
            }
            params.putAll(target);
        }

        @Override
        public void close() {
        }
    }
}
