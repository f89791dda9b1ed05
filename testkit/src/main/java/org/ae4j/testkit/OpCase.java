package org.ae4j.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;

/**
 * One small graph exercising one op: its output, a value for every INPUT and PARAMETER it reads, the tolerance its
 * forward values are held to, and whether its inputs are away from kinks so it can be differentiated.
 *
 * @param name         what the case exercises, e.g. {@code ADD [3,4] + [4] (row broadcast)}
 * @param op           the op under test
 * @param output       the node to evaluate
 * @param feeds        values of the leaves, already rounded to float32
 * @param tolerance    forward tolerance
 * @param differentiable whether gradients are checked (false for special-value cases and graphs with no leaves)
 */
public record OpCase(String name, Op op, Node output, Map<Node, double[]> feeds, Tolerance tolerance,
                     boolean differentiable) {
    /** Copies the feeds; a case without leaves is never differentiable. */
    public OpCase {
        feeds = Collections.unmodifiableMap(new LinkedHashMap<>(feeds));
        differentiable = differentiable && !feeds.isEmpty();
    }

    /** The INPUT and PARAMETER nodes the case feeds, in a stable order. */
    public List<Node> leaves() {
        return new ArrayList<>(feeds.keySet());
    }

    @Override
    public String toString() {
        return name;
    }
}
