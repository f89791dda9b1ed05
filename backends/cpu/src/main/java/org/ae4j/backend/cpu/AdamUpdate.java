package org.ae4j.backend.cpu;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;

/**
 * One parameter's Adam update recognised in a program, as core's {@code Adam} optimizer writes it:
 * <pre>
 *   m' = β1·m + (1−β1)·g
 *   v' = β2·v + (1−β2)·(g·g)
 *   p' = p − s·(m' / (√v' / c + ε))
 * </pre>
 * with β1, 1−β1, β2, 1−β2, c, ε and s one-element values (s and c change every step: they carry the bias
 * corrections). {@link Fusion} makes these three groups from the program; this record lets the CPU backend run them
 * as one pass over the parameter ({@link AdamStep}) that reads p, g, m, v once and writes p', m', v' once, instead
 * of three passes with intermediates in scratch blocks. The arithmetic is the same sequence of float operations, so
 * the bits are the same; anything that does not match this shape exactly (operand roles, single users, sizes) is
 * left to the generic fused steps.
 *
 * @param p the parameter; {@code p2} its update
 * @param g the gradient
 * @param m the first-moment state; {@code m2} its update
 * @param v the second-moment state; {@code v2} its update
 */
record AdamUpdate(Node p, Node g, Node m, Node v, Node p2, Node m2, Node v2, Node beta1, Node oneMinusBeta1,
                  Node beta2, Node oneMinusBeta2, Node sqrtC2, Node epsilon, Node stepSize) {

    /**
     * The Adam update whose p' is {@code p2}, or null when the three groups do not have exactly Adam's shape.
     *
     * @param p2 a group root that is the update value of parameter {@code p}
     * @param stateOf the parameter each update value belongs to (the inverse of the program's updates)
     * @param users the nodes that read each node
     * @param group the fused group of each fusible node
     */
    static AdamUpdate match(Node p, Node p2, Map<Node, Node> stateOf, Map<Node, ? extends Collection<Node>> users,
            Function<Node, Fusion.Group> group) {
        int n = p2.shape().size();
        if (n < 2 || p2.op() != Op.SUB || p2.input(0) != p || p.shape().size() != n) {
            return null;
        }
        Fusion.Group gp = group.apply(p2);
        if (gp == null || gp.root() != p2 || gp.members().size() != 6) {
            return null;
        }
        Node scaled = p2.input(1);
        Node[] s = scalarAnd(scaled, Op.MUL, n);
        if (s == null || s[1].op() != Op.DIV) {
            return null;
        }
        Node ratio = s[1];
        Node m2 = ratio.input(0);
        Node denom = ratio.input(1);
        Node[] eps = scalarAnd(denom, Op.ADD, n);
        if (eps == null || eps[1].op() != Op.DIV || eps[1].input(1).shape().size() != 1
                || eps[1].input(0).op() != Op.SQRT) {
            return null;
        }
        Node sqrtC2 = eps[1].input(1);
        Node v2 = eps[1].input(0).input(0);
        for (Node interior : List.of(scaled, ratio, denom, eps[1], eps[1].input(0))) {
            if (group.apply(interior) != gp) {
                return null;
            }
        }
        Node m = stateOf.get(m2);
        Node v = stateOf.get(v2);
        if (m == null || v == null || m == v || m2 == v2 || !onlyUser(m2, ratio, users)
                || !onlyUser(v2, eps[1].input(0), users)) {
            return null;
        }
        // m' = β1·m + (1−β1)·g, as a group of exactly these three nodes.
        Node[] mTerms = moment(m2, m, n, group);
        // v' = β2·v + (1−β2)·(g·g), as a group of exactly these four nodes.
        Node[] vTerms = moment(v2, v, n, group);
        if (mTerms == null || vTerms == null || group.apply(m2).members().size() != 3
                || group.apply(v2).members().size() != 4) {
            return null;
        }
        Node g = mTerms[2];
        Node gg = vTerms[2];
        if (gg.op() != Op.MUL || gg.input(0) != g || gg.input(1) != g || group.apply(gg) != group.apply(v2)
                || g.shape().size() != n) {
            return null;
        }
        return new AdamUpdate(p, g, m, v, p2, m2, v2, mTerms[0], mTerms[1], vTerms[0], vTerms[1], sqrtC2, eps[0],
                s[0]);
    }

    /** For {@code x = a·state + b·t} (either order at each op): {a, b, t}, or null. */
    private static Node[] moment(Node x, Node state, int n, Function<Node, Fusion.Group> group) {
        if (x.op() != Op.ADD || x.shape().size() != n || state.shape().size() != n) {
            return null;
        }
        Fusion.Group gx = group.apply(x);
        if (gx == null || gx.root() != x) {
            return null;
        }
        for (int first = 0; first < 2; first++) {
            Node[] decay = scalarAnd(x.input(first), Op.MUL, n);
            Node[] fresh = scalarAnd(x.input(1 - first), Op.MUL, n);
            if (decay != null && fresh != null && decay[1] == state && fresh[1] != state
                    && group.apply(x.input(first)) == gx && group.apply(x.input(1 - first)) == gx) {
                return new Node[] {decay[0], fresh[0], fresh[1]};
            }
        }
        return null;
    }

    /**
     * For a commutative binary node {@code x} of op {@code op} with one one-element operand and one of size n:
     * {scalar, other}, or null.
     */
    private static Node[] scalarAnd(Node x, Op op, int n) {
        if (x.op() != op || x.shape().size() != n) {
            return null;
        }
        Node a = x.input(0);
        Node b = x.input(1);
        if (a.shape().size() == 1 && b.shape().size() == n) {
            return new Node[] {a, b};
        }
        if (b.shape().size() == 1 && a.shape().size() == n) {
            return new Node[] {b, a};
        }
        return null;
    }

    private static boolean onlyUser(Node x, Node user, Map<Node, ? extends Collection<Node>> users) {
        Collection<Node> u = users.get(x);
        return u != null && u.size() == 1 && u.contains(user);
    }

    /** The two groups run inside this update's pass instead of at their own place in the schedule. */
    List<Node> deferredRoots() {
        return List.of(m2, v2);
    }
}
