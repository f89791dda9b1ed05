package org.ae4j.core.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Graph traversal helpers. */
public final class Graphs {
    private Graphs() {
    }

    /** All nodes the roots depend on (roots included), inputs before users, in a deterministic order. */
    public static List<Node> topologicalOrder(Collection<Node> roots) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        Set<Node> onStack = new HashSet<>();
        Deque<Node> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        for (Node root : roots) {
            if (done.contains(root)) {
                continue;
            }
            stack.push(root);
            next.push(0);
            onStack.add(root);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                int i = next.pop();
                if (i < n.inputs().size()) {
                    next.push(i + 1);
                    Node child = n.input(i);
                    if (!done.contains(child) && !onStack.contains(child)) {
                        stack.push(child);
                        next.push(0);
                        onStack.add(child);
                    }
                } else {
                    stack.pop();
                    onStack.remove(n);
                    done.add(n);
                    order.add(n);
                }
            }
        }
        return order;
    }

    /** The leaves of the given op (INPUT or PARAMETER) reachable from the roots, in topological order. */
    public static List<Node> leaves(Collection<Node> roots, Op op) {
        List<Node> out = new ArrayList<>();
        for (Node n : topologicalOrder(roots)) {
            if (n.op() == op) {
                out.add(n);
            }
        }
        return out;
    }
}
