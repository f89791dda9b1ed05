package org.ae4j.core.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backend executes: the INPUT nodes fed on each run, the PARAMETER nodes that persist between runs, the
 * update of each parameter (its new value after a run) and the outputs to fetch. Immutable; checked on build.
 */
public final class Program {
    private final List<Node> inputs;
    private final List<Node> parameters;
    private final Map<Node, Node> updates;
    private final List<Node> outputs;

    private Program(List<Node> inputs, List<Node> parameters, Map<Node, Node> updates, List<Node> outputs) {
        this.inputs = List.copyOf(inputs);
        this.parameters = List.copyOf(parameters);
        this.updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
        this.outputs = List.copyOf(outputs);
    }

    /**
     * A program over the given outputs and parameter updates. Inputs and parameters are the leaves they reach,
     * plus every updated parameter; the order is deterministic.
     */
    public static Program of(List<Node> outputs, Map<Node, Node> updates) {
        List<Node> roots = new ArrayList<>(outputs);
        roots.addAll(updates.values());
        for (Map.Entry<Node, Node> e : updates.entrySet()) {
            Node p = e.getKey();
            if (p.op() != Op.PARAMETER) {
                throw new IllegalArgumentException("update target must be a PARAMETER, got " + p);
            }
            if (!p.shape().equals(e.getValue().shape())) {
                throw new ShapeException("update of '" + p.name() + "': parameter shape " + p.shape()
                        + " but new value shape " + e.getValue().shape());
            }
        }
        List<Node> inputs = Graphs.leaves(roots, Op.INPUT);
        List<Node> params = new ArrayList<>(Graphs.leaves(roots, Op.PARAMETER));
        for (Node p : updates.keySet()) {
            if (!params.contains(p)) {
                params.add(p);
            }
        }
        checkUniqueNames(inputs, params);
        return new Program(inputs, params, updates, outputs);
    }

    private static void checkUniqueNames(List<Node> inputs, List<Node> params) {
        Set<String> names = new HashSet<>();
        for (List<Node> list : List.of(inputs, params)) {
            for (Node n : list) {
                if (!names.add(n.name())) {
                    throw new IllegalArgumentException("two leaves of the program are named '" + n.name() + "'");
                }
            }
        }
    }

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> parameters() {
        return parameters;
    }

    /** Parameter → its new value, in insertion order. */
    public Map<Node, Node> updates() {
        return updates;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** Every node to compute on a run (outputs and updates and all they depend on), in topological order. */
    public List<Node> schedule() {
        List<Node> roots = new ArrayList<>(outputs);
        roots.addAll(updates.values());
        return Graphs.topologicalOrder(roots);
    }

    /** The input or parameter with the given name. */
    public Node leaf(String name) {
        for (Node n : inputs) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        for (Node n : parameters) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("program has no input or parameter named '" + name + "'");
    }
}
