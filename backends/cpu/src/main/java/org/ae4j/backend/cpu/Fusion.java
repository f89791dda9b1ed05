package org.ae4j.backend.cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;

/**
 * Groups elementwise nodes into fused loops. A node is fusible when it is unary, or binary with each operand either
 * of its own size or a scalar. A group is a tree of fusible nodes of one size whose interior nodes each feed exactly
 * one node of the group and are neither outputs nor update values; only the root's value is stored. Every fusible
 * node belongs to exactly one group (often a group of one), executed by a {@link FusedStep}.
 *
 * <p>Interior values live in per-thread scratch registers of {@link FusedStep#BLOCK} floats, assigned here by
 * liveness within the group.
 *
 * <p>Adam's three groups per parameter (m', v', p') are recognised ({@link AdamUpdate}) and run as one pass at p''s
 * place in the schedule: the m' and v' groups are "deferred" there, so their operands live until then.
 */
final class Fusion {
    /** Largest group; bigger trees are split. */
    static final int MAX_MEMBERS = 32;

    /** A fused group: members in schedule order (root last), and each interior member's register. */
    record Group(Node root, List<Node> members, Map<Node, Integer> registers, int registerCount) {
        /** The operands read from outside the group, each once, in first-use order. */
        List<Node> externals() {
            List<Node> out = new ArrayList<>();
            Set<Node> seen = new HashSet<>(members);
            for (Node m : members) {
                for (Node in : m.inputs()) {
                    if (seen.add(in)) {
                        out.add(in);
                    }
                }
            }
            return out;
        }
    }

    private final Map<Node, Group> groupOf = new HashMap<>();
    private final Map<Node, AdamUpdate> adamAt = new HashMap<>();
    private final Map<Node, Node> deferredTo = new HashMap<>();
    private final Map<Node, Node> foldedInto = new HashMap<>(); // product -> the bias ADD whose step computes it
    private final Map<Node, Node> scalarBroadcasts = new HashMap<>(); // BROADCAST -> its one-element input
    private final Map<Node, Node> summedBy = new HashMap<>(); // group root -> the full REDUCE_SUM that runs it
    private int maxRegisters;

    Fusion(List<Node> schedule, Program program) {
        Map<Node, Set<Node>> users = new HashMap<>();
        Map<Node, Integer> position = new HashMap<>();
        for (int i = 0; i < schedule.size(); i++) {
            Node n = schedule.get(i);
            position.put(n, i);
            for (Node in : n.inputs()) {
                users.computeIfAbsent(in, k -> new HashSet<>()).add(n);
            }
        }
        Set<Node> pinned = new HashSet<>(program.outputs());
        pinned.addAll(program.updates().values());
        for (int i = schedule.size() - 1; i >= 0; i--) {
            Node root = schedule.get(i);
            if (!fusible(root) || groupOf.containsKey(root)) {
                continue;
            }
            List<Node> members = new ArrayList<>();
            members.add(root);
            Set<Node> inGroup = new HashSet<>(members);
            Deque<Node> frontier = new ArrayDeque<>();
            frontier.add(root);
            while (!frontier.isEmpty()) {
                Node n = frontier.poll();
                for (Node in : n.inputs()) {
                    boolean absorb = members.size() < MAX_MEMBERS && !inGroup.contains(in) && fusible(in)
                            && !groupOf.containsKey(in) && !pinned.contains(in)
                            && in.shape().size() == root.shape().size() && users.get(in).size() == 1;
                    if (absorb) {
                        members.add(in);
                        inGroup.add(in);
                        frontier.add(in);
                    }
                }
            }
            members.sort(Comparator.comparingInt(position::get));
            Group g = assignRegisters(root, members);
            maxRegisters = Math.max(maxRegisters, g.registerCount());
            for (Node m : members) {
                groupOf.put(m, g);
            }
        }
        if (!Boolean.getBoolean(NO_ADAM_PROPERTY)) {
            findAdamUpdates(program, users);
        }
        findBiasAdds(schedule, users, pinned);
        findScalarBroadcasts(schedule, users, pinned);
        findFusedSums(schedule, users, pinned);
    }

    /**
     * Finds full sums (REDUCE_SUM to one value) of a group root that nothing else reads: the sum's step then runs
     * the group itself and sums each run of its values from scratch, in the order {@link Layout#sum} uses, so the
     * root gets no buffer and no pass of its own (the C1 loss: the squares of [128, 784] differences, then their
     * sum).
     */
    private void findFusedSums(List<Node> schedule, Map<Node, Set<Node>> users, Set<Node> pinned) {
        for (Node n : schedule) {
            if (n.op() != Op.REDUCE_SUM || n.shape().size() != 1) {
                continue;
            }
            Node in = n.input(0);
            Group g = groupOf.get(in);
            if (g != null && g.root() == in && !pinned.contains(in) && users.get(in).size() == 1
                    && !deferredTo.containsKey(in) && !adamAt.containsKey(in)) {
                summedBy.put(in, n);
            }
        }
    }

    /** For a group root whose values only a fused full sum reads: that REDUCE_SUM; else null. */
    Node summedBy(Node root) {
        return summedBy.get(root);
    }

    /** For a REDUCE_SUM that runs a group and sums its values: that group; else null. */
    Group summedGroup(Node reduce) {
        return reduce.op() == Op.REDUCE_SUM && summedBy.get(reduce.input(0)) == reduce
                ? groupOf.get(reduce.input(0)) : null;
    }

    /**
     * Finds BROADCASTs of a one-element value that only binary fused members read (outside Adam's passes). Those
     * members read the value as a scalar operand, the same float in every element, and the BROADCAST gets neither
     * a step nor a buffer. The squared-error gradient starts with one: the loss's scalar gradient spread over
     * [batch, width], which cost a 128 × 784 pass and two reads of it per C1 step.
     */
    private void findScalarBroadcasts(List<Node> schedule, Map<Node, Set<Node>> users, Set<Node> pinned) {
        for (Node n : schedule) {
            if (n.op() != Op.BROADCAST || n.input(0).shape().size() != 1 || pinned.contains(n)
                    || !users.containsKey(n)) {
                continue;
            }
            boolean scalarReaders = true;
            for (Node u : users.get(n)) {
                Group g = groupOf.get(u);
                if (g == null || u.op().kind() != Op.Kind.BINARY || adamAt.containsKey(executionRoot(g))) {
                    scalarReaders = false;
                    break;
                }
            }
            if (scalarReaders) {
                scalarBroadcasts.put(n, n.input(0));
            }
        }
    }

    /** For a BROADCAST whose readers take its one-element input as a scalar: that input; else null. */
    Node scalarSource(Node n) {
        return scalarBroadcasts.get(n);
    }

    /**
     * Finds {@code ADD(MATMUL(a, b), bias)} (either operand order) with a [N] or [1, N] bias over the product's
     * columns, where the product is read by nothing else: the product's step then adds the bias to each tile of C
     * while the tile is in cache, and the product gets no buffer of its own. c + bias[j] is the same float addition
     * as the separate step's, so the bits are the same.
     */
    private void findBiasAdds(List<Node> schedule, Map<Node, Set<Node>> users, Set<Node> pinned) {
        for (Node n : schedule) {
            if (n.op() != Op.ADD || groupOf.containsKey(n) || n.shape().rank() != 2 || n.shape().dim(1) < 2) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node mm = n.input(side);
                Node bias = n.input(1 - side);
                boolean biasShape = bias.shape().size() == n.shape().dim(1)
                        && bias.shape().dim(bias.shape().rank() - 1) == n.shape().dim(1);
                if (mm.op() == Op.MATMUL && mm != bias && mm.shape().equals(n.shape()) && biasShape
                        && !pinned.contains(mm) && users.get(mm).size() == 1) {
                    foldedInto.put(mm, n);
                    break;
                }
            }
        }
    }

    /** For an ADD that runs as its product's bias epilogue: that MATMUL; else null. */
    Node biasAddProduct(Node add) {
        for (Node in : add.inputs()) {
            if (foldedInto.get(in) == add) {
                return in;
            }
        }
        return null;
    }

    /** The bias operand of such an ADD. */
    Node biasOf(Node add) {
        Node mm = biasAddProduct(add);
        return add.input(0) == mm ? add.input(1) : add.input(0);
    }

    /** For a MATMUL computed by a bias ADD's step: that ADD; else null. */
    Node foldedInto(Node matmul) {
        return foldedInto.get(matmul);
    }

    /** System property that, when true, leaves Adam updates to the generic fused steps (for comparisons). */
    static final String NO_ADAM_PROPERTY = "ae4j.cpu.noFusedAdam";

    private void findAdamUpdates(Program program, Map<Node, Set<Node>> users) {
        Map<Node, Node> stateOf = new HashMap<>();
        program.updates().forEach((state, value) -> stateOf.put(value, state));
        Set<Node> outputs = new HashSet<>(program.outputs());
        for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
            AdamUpdate a = AdamUpdate.match(e.getKey(), e.getValue(), stateOf, users, groupOf::get);
            if (a == null || outputs.contains(a.m2()) || outputs.contains(a.v2()) || outputs.contains(a.p2())
                    || deferredTo.containsKey(a.m2()) || deferredTo.containsKey(a.v2())) {
                continue;
            }
            adamAt.put(a.p2(), a);
            for (Node r : a.deferredRoots()) {
                deferredTo.put(r, a.p2());
            }
        }
    }

    private static Group assignRegisters(Node root, List<Node> members) {
        Map<Node, Integer> reg = new HashMap<>();
        Deque<Integer> free = new ArrayDeque<>();
        int count = 0;
        for (Node m : members) {
            // An interior member is read only by its single user, so its register frees when the user runs; the
            // user may write into it (same index, same block).
            for (Node in : m.inputs()) {
                Integer r = reg.get(in);
                if (r != null && !free.contains(r)) {
                    free.push(r);
                }
            }
            if (m != root) {
                int r = free.isEmpty() ? count++ : free.pop();
                reg.put(m, r);
            }
        }
        return new Group(root, List.copyOf(members), Map.copyOf(reg), count);
    }

    /** Unary, or binary whose operands are each of the output's size or scalars. */
    static boolean fusible(Node n) {
        Op.Kind kind = n.op().kind();
        if (kind == Op.Kind.UNARY) {
            return true;
        }
        if (kind != Op.Kind.BINARY) {
            return false;
        }
        int size = n.shape().size();
        for (Node in : n.inputs()) {
            int s = in.shape().size();
            if (s != size && s != 1) {
                return false;
            }
        }
        return true;
    }

    /** The group a node belongs to, or null when it is not fusible. */
    Group groupOf(Node n) {
        return groupOf.get(n);
    }

    /** True for group members other than the root: they have no buffer and no step of their own. */
    boolean isInterior(Node n) {
        Group g = groupOf.get(n);
        return g != null && g.root() != n;
    }

    /** The Adam update computed in one pass at this group root, or null. */
    AdamUpdate adamAt(Node root) {
        return adamAt.get(root);
    }

    /** True for the roots of groups that run inside another root's step ({@link #executionRoot}). */
    boolean isDeferred(Node n) {
        return deferredTo.containsKey(n);
    }

    /**
     * The node whose step computes group g: its own root, the Adam update's p' that absorbs it, or the full sum
     * that runs it.
     */
    Node executionRoot(Group g) {
        Node sum = summedBy.get(g.root());
        return sum != null ? sum : deferredTo.getOrDefault(g.root(), g.root());
    }

    /** The values read from outside by the step of root n: its group's externals, plus the absorbed groups'. */
    List<Node> operandsAt(Node root) {
        Group g = groupOf.get(root);
        List<Node> out = new ArrayList<>(g.externals());
        AdamUpdate a = adamAt.get(root);
        if (a != null) {
            for (Node r : a.deferredRoots()) {
                for (Node x : groupOf.get(r).externals()) {
                    if (!out.contains(x)) {
                        out.add(x);
                    }
                }
            }
        }
        return out;
    }

    /** The most registers any group needs. */
    int maxRegisters() {
        return maxRegisters;
    }
}
