package org.ae4j.core.ir;

import static org.ae4j.core.ir.Ops.div;
import static org.ae4j.core.ir.Ops.matmul;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.neg;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode automatic differentiation, graph to graph: the gradients are new IR nodes, so they can be
 * differentiated again. One rule per op, in {@link #rule}.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * Gradients of a scalar {@code loss} with respect to each node of {@code wrt}, in the same order. A node the
     * loss does not depend on gets a zero constant.
     */
    public static List<Node> gradients(Node loss, List<Node> wrt) {
        if (loss.shape().rank() != 0) {
            throw new ShapeException("gradients: expected a scalar loss, got shape " + loss.shape());
        }
        List<Node> order = Graphs.topologicalOrder(List.of(loss));
        Set<Node> targets = new HashSet<>(wrt);
        // Nodes on a path to some wrt node: only they need adjoints.
        Set<Node> relevant = new HashSet<>();
        for (Node n : order) {
            if (targets.contains(n)) {
                relevant.add(n);
            } else {
                for (Node in : n.inputs()) {
                    if (relevant.contains(in)) {
                        relevant.add(n);
                        break;
                    }
                }
            }
        }
        Map<Node, Node> adjoint = new HashMap<>();
        adjoint.put(loss, scalar(1.0));
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            Node g = adjoint.get(n);
            if (g == null || n.op().kind() == Op.Kind.LEAF || n.op().isPiecewiseConstant()) {
                continue;
            }
            for (int k = 0; k < n.inputs().size(); k++) {
                Node in = n.input(k);
                if (!relevant.contains(in)) {
                    continue;
                }
                Node contribution = rule(n, k, g);
                if (contribution != null) {
                    adjoint.merge(in, contribution, Ops::add);
                }
            }
        }
        List<Node> out = new ArrayList<>(wrt.size());
        for (Node w : wrt) {
            Node g = adjoint.get(w);
            out.add(g != null ? g : Ops.fill(w.shape(), 0.0));
        }
        return out;
    }

    /** The adjoint contribution of node n's output gradient g to its k-th input. */
    static Node rule(Node n, int k, Node g) {
        Node a = n.input(0);
        Node b = n.inputs().size() > 1 ? n.input(1) : null;
        Node target = n.input(k);
        switch (n.op()) {
            case INPUT:
            case PARAMETER:
            case CONSTANT:
            case GREATER:
            case SIGN:
                return null;
            case ADD:
                return unbroadcast(g, target.shape());
            case SUB:
                return unbroadcast(k == 0 ? g : neg(g), target.shape());
            case MUL:
                return unbroadcast(mul(g, k == 0 ? b : a), target.shape());
            case DIV:
                return unbroadcast(k == 0 ? div(g, b) : neg(div(mul(g, n), b)), target.shape());
            case MAXIMUM: {
                // mask = 1 where a >= b: the first operand wins ties.
                Node aWins = sub(scalar(1), Ops.greater(b, a));
                return unbroadcast(mul(g, k == 0 ? aWins : sub(scalar(1), aWins)), target.shape());
            }
            case MINIMUM: {
                Node aWins = sub(scalar(1), Ops.greater(a, b));
                return unbroadcast(mul(g, k == 0 ? aWins : sub(scalar(1), aWins)), target.shape());
            }
            case NEG:
                return neg(g);
            case EXP:
                return mul(g, n);
            case LOG:
                return div(g, a);
            case ABS:
                return mul(g, Ops.sign(a));
            case SQRT:
                return div(mul(g, scalar(0.5)), n);
            case TANH:
                return mul(g, sub(scalar(1), mul(n, n)));
            case MATMUL:
                return matmulRule(n, k, g);
            case REDUCE_SUM: {
                Shape kept = keptShape(a.shape(), n.axes());
                return Ops.broadcast(Ops.reshape(g, kept), a.shape());
            }
            case TRANSPOSE: {
                int[] perm = n.perm();
                int[] inverse = new int[perm.length];
                for (int i = 0; i < perm.length; i++) {
                    inverse[perm[i]] = i;
                }
                return Ops.transpose(g, inverse);
            }
            case RESHAPE:
                return Ops.reshape(g, a.shape());
            case BROADCAST:
                return unbroadcast(g, a.shape());
        }
        throw new AssertionError(n.op());
    }

    private static Node matmulRule(Node n, int k, Node g) {
        Node a = n.input(0);
        Node b = n.input(1);
        boolean ta = n.transA();
        boolean tb = n.transB();
        if (k == 0) {
            // C = op(A)·op(B). dA = g·op(B)ᵀ, transposed back when A was transposed.
            return ta ? matmul(b, g, tb, true) : matmul(g, b, false, !tb);
        }
        // dB = op(A)ᵀ·g, transposed back when B was transposed.
        return tb ? matmul(g, a, true, ta) : matmul(a, g, !ta, false);
    }

    /** Sums g over the axes along which a tensor of shape target was broadcast to g's shape. */
    public static Node unbroadcast(Node g, Shape target) {
        Shape s = g.shape();
        if (s.equals(target)) {
            return g;
        }
        int lead = s.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && s.dim(i) != 1)) {
                axes.add(i);
            }
        }
        Node summed = axes.isEmpty() ? g
                : Ops.reduceSum(g, true, axes.stream().mapToInt(Integer::intValue).toArray());
        return Ops.reshape(summed, target);
    }

    private static Shape keptShape(Shape in, int[] axes) {
        int[] dims = in.dims();
        for (int ax : axes) {
            dims[ax] = 1;
        }
        return Shape.of(dims);
    }

    /** Convenience: the gradient of a scalar loss with respect to one node. */
    public static Node gradient(Node loss, Node wrt) {
        return gradients(loss, List.of(wrt)).get(0);
    }
}
