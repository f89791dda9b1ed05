package org.ae4j.backend.ort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Graphs;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;

/**
 * Rebuilds the graph behind some roots with some of its nodes replaced, through core's public {@link Ops}
 * constructors (so shapes are checked again). Nodes the replacements do not reach are kept as they are; leaves are
 * never copied. Used by the exporter to feed a model's graph from a normalized input, or its decoder from a code
 * input.
 */
final class GraphSubstitution {
    private GraphSubstitution() {
    }

    /**
     * The roots, rebuilt with {@code replace}'s keys standing for its values.
     *
     * @param roots the nodes to rebuild
     * @param replace node → the node that takes its place (same shape)
     */
    static List<Node> apply(List<Node> roots, Map<Node, Node> replace) {
        for (Map.Entry<Node, Node> e : replace.entrySet()) {
            if (!e.getKey().shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("substitution: " + e.getKey() + " has shape " + e.getKey().shape()
                        + " but its replacement " + e.getValue() + " has shape " + e.getValue().shape());
            }
        }
        Map<Node, Node> done = new HashMap<>(replace);
        for (Node n : Graphs.topologicalOrder(roots)) {
            if (done.containsKey(n)) {
                continue;
            }
            List<Node> ins = new ArrayList<>(n.inputs().size());
            boolean changed = false;
            for (Node in : n.inputs()) {
                Node m = done.getOrDefault(in, in);
                changed |= m != in;
                ins.add(m);
            }
            done.put(n, changed ? rebuild(n, ins) : n);
        }
        List<Node> out = new ArrayList<>(roots.size());
        for (Node r : roots) {
            out.add(done.get(r));
        }
        return out;
    }

    /** The node {@code n} computed from other operands. */
    private static Node rebuild(Node n, List<Node> in) {
        return switch (n.op()) {
            case INPUT, PARAMETER, CONSTANT -> n;
            case ADD -> Ops.add(in.get(0), in.get(1));
            case SUB -> Ops.sub(in.get(0), in.get(1));
            case MUL -> Ops.mul(in.get(0), in.get(1));
            case DIV -> Ops.div(in.get(0), in.get(1));
            case MAXIMUM -> Ops.maximum(in.get(0), in.get(1));
            case MINIMUM -> Ops.minimum(in.get(0), in.get(1));
            case GREATER -> Ops.greater(in.get(0), in.get(1));
            case NEG -> Ops.neg(in.get(0));
            case EXP -> Ops.exp(in.get(0));
            case LOG -> Ops.log(in.get(0));
            case ABS -> Ops.abs(in.get(0));
            case SIGN -> Ops.sign(in.get(0));
            case SQRT -> Ops.sqrt(in.get(0));
            case TANH -> Ops.tanh(in.get(0));
            case MATMUL -> Ops.matmul(in.get(0), in.get(1), n.transA(), n.transB());
            case REDUCE_SUM -> Ops.reduceSum(in.get(0), n.keepDims(), n.axes());
            case TRANSPOSE -> Ops.transpose(in.get(0), n.perm());
            case RESHAPE -> Ops.reshape(in.get(0), n.shape());
            case BROADCAST -> Ops.broadcast(in.get(0), n.shape());
        };
    }
}
