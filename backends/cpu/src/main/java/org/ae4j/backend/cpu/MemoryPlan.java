package org.ae4j.backend.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;

/**
 * Where every value of a program lives, decided once when a session is opened.
 *
 * <p>Inputs, constants and parameters have their own buffers; a parameter with an update has three rotating slots
 * ({@link Kind#SLOT}, {@code rel} 0 = the current value, 1 = the value being computed). An update's value is
 * computed straight into its parameter's next slot when it is a computed node of its own. RESHAPE aliases its
 * input. Interior members of a {@link Fusion} group get no buffer at all. Other computed values share a pool of
 * buffers by liveness: a buffer is released after the last step that reads it, and an elementwise step whose
 * operand dies there writes in place.
 */
final class MemoryPlan {
    /** A kind of storage. */
    enum Kind { POOL, INPUT, CONSTANT, PARAM, SLOT }

    /** A storage location: kind, index within the kind, and for slots 0 (current) or 1 (next). */
    record Loc(Kind kind, int index, int rel) {
    }

    /** An update whose value is not computed in place: copy it into the parameter's next slot after the run. */
    record Copy(Node value, int param) {
    }

    final List<Node> schedule;
    final Map<Node, Loc> locs = new HashMap<>();
    final List<Integer> poolCapacity = new ArrayList<>();
    final List<Copy> copies = new ArrayList<>();
    final Map<Node, Integer> inputIndex = new LinkedHashMap<>();
    final Map<Node, Integer> paramIndex = new LinkedHashMap<>();
    final Map<Node, Integer> constantIndex = new LinkedHashMap<>();
    final boolean[] paramUpdated;
    final Fusion fusion;

    /**
     * Per parameter: true when its update is written over its current value (one buffer, no slots). Only for a
     * plan made without history, and only where that is safe: see {@link #inPlaceSafe}.
     */
    final boolean[] inPlace;

    MemoryPlan(Program program) {
        this(program, false);
    }

    /** With {@code inPlace}, updates that can be are planned over their parameters' current values. */
    MemoryPlan(Program program, boolean inPlace) {
        this.schedule = program.schedule();
        this.fusion = new Fusion(schedule, program);
        for (Node n : program.inputs()) {
            inputIndex.put(n, inputIndex.size());
        }
        for (Node n : program.parameters()) {
            paramIndex.put(n, paramIndex.size());
        }
        paramUpdated = new boolean[paramIndex.size()];
        for (Node p : program.updates().keySet()) {
            paramUpdated[paramIndex.get(p)] = true;
        }
        Map<Node, Integer> position = new HashMap<>();
        for (int i = 0; i < schedule.size(); i++) {
            position.put(schedule.get(i), i);
        }
        Map<Node, Integer> lastUse = lastUses(program, position);
        placeLeaves();
        claimUpdates(program);
        placeComputed(position, lastUse);
        this.inPlace = new boolean[paramIndex.size()];
        if (inPlace) {
            for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
                this.inPlace[paramIndex.get(e.getKey())] = inPlaceSafe(program, e.getKey(), e.getValue(), position);
            }
        }
    }

    /**
     * The schedule position of the step that computes node n, and so reads its operands: its own, its group's
     * executing step (a fused member runs when its group does), or the bias ADD that runs its product.
     */
    private int executedAt(Node n, Map<Node, Integer> position) {
        if (fusion.foldedInto(n) != null) {
            return position.get(fusion.foldedInto(n));
        }
        Fusion.Group g = fusion.groupOf(n);
        return g == null ? position.get(n) : position.get(fusion.executionRoot(g));
    }

    /**
     * Whether parameter p's update value v may be written over p: v is computed into p's next slot by an
     * elementwise step (a fused group, or Adam's pass), which reads element i of its operands before writing
     * element i; p (through any reshape or scalar broadcast of it) is not an output; and every other step that
     * reads p runs before that one. Then no step reads p after it changes, and the values are those of the
     * slotted plan.
     */
    private boolean inPlaceSafe(Program program, Node p, Node v, Map<Node, Integer> position) {
        Loc loc = locs.get(v);
        if (fusion.groupOf(v) == null || loc == null || loc.kind() != Kind.SLOT || loc.rel() != 1) {
            return false;
        }
        int at = executedAt(v, position);
        Set<Node> aliases = new HashSet<>();
        aliases.add(p);
        for (Node n : schedule) {
            if ((n.op() == Op.RESHAPE || fusion.scalarSource(n) != null) && aliases.contains(n.input(0))) {
                aliases.add(n);
            }
        }
        for (Node out : program.outputs()) {
            if (aliases.contains(out)) {
                return false;
            }
        }
        for (Copy c : copies) {
            if (aliases.contains(c.value())) {
                return false; // copied into another parameter's slot after the run
            }
        }
        for (Node n : schedule) {
            boolean readsP = !aliases.contains(n) && n.inputs().stream().anyMatch(aliases::contains);
            if (readsP && executedAt(n, position) > at) {
                return false; // read after the update
            }
        }
        return true;
    }

    private Map<Node, Integer> lastUses(Program program, Map<Node, Integer> position) {
        Map<Node, Integer> last = new HashMap<>();
        for (int i = 0; i < schedule.size(); i++) {
            Node n = schedule.get(i);
            int at = executedAt(n, position);
            for (Node in : n.inputs()) {
                last.merge(in, at, Math::max);
            }
        }
        for (Node out : program.outputs()) {
            last.put(out, Integer.MAX_VALUE);
        }
        for (Node v : program.updates().values()) {
            last.put(v, Integer.MAX_VALUE);
        }
        // A reshape shares its input's buffer, so the buffer lives as long as any alias of it; so does a broadcast
        // read as a scalar (Fusion.scalarSource).
        for (int i = schedule.size() - 1; i >= 0; i--) {
            Node n = schedule.get(i);
            if (n.op() == Op.RESHAPE || fusion.scalarSource(n) != null) {
                last.merge(n.input(0), last.getOrDefault(n, i), Math::max);
            }
        }
        return last;
    }

    private void placeLeaves() {
        for (Node n : schedule) {
            if (n.op() == Op.INPUT) {
                locs.put(n, new Loc(Kind.INPUT, inputIndex.get(n), 0));
            } else if (n.op() == Op.PARAMETER) {
                int p = paramIndex.get(n);
                locs.put(n, new Loc(paramUpdated[p] ? Kind.SLOT : Kind.PARAM, p, 0));
            } else if (n.op() == Op.CONSTANT) {
                constantIndex.put(n, constantIndex.size());
                locs.put(n, new Loc(Kind.CONSTANT, constantIndex.get(n), 0));
            }
        }
    }

    private void claimUpdates(Program program) {
        for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
            int p = paramIndex.get(e.getKey());
            Node v = e.getValue();
            boolean computed = v.op().kind() != Op.Kind.LEAF && v.op() != Op.RESHAPE;
            if (computed && !locs.containsKey(v)) {
                locs.put(v, new Loc(Kind.SLOT, p, 1));
            } else {
                copies.add(new Copy(v, p));
            }
        }
    }

    private void placeComputed(Map<Node, Integer> position, Map<Node, Integer> lastUse) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < schedule.size(); i++) {
            Node n = schedule.get(i);
            if (n.op().kind() == Op.Kind.LEAF || fusion.isInterior(n) || fusion.isDeferred(n)
                    || fusion.foldedInto(n) != null || fusion.summedBy(n) != null) {
                continue; // a deferred group root is an update value (a slot); its operands are released where it runs
            }
            if (n.op() == Op.RESHAPE || fusion.scalarSource(n) != null) {
                locs.put(n, locs.get(n.input(0)));
                continue;
            }
            Fusion.Group g = fusion.groupOf(n);
            Node product = fusion.biasAddProduct(n);
            Fusion.Group summed = fusion.summedGroup(n);
            List<Node> operands = g != null ? fusion.operandsAt(n)
                    : product != null ? List.of(product.input(0), product.input(1), fusion.biasOf(n))
                    : summed != null ? summed.externals() : n.inputs();
            Integer reused = null;
            if (!locs.containsKey(n)) {
                // A product never writes over its own operands.
                boolean inPlace = product == null && (g != null || n.op().kind() == Op.Kind.BINARY);
                reused = inPlace ? inPlaceOperand(n, operands, i, lastUse) : null;
                int buf = reused != null ? reused : allocate(free, n.shape().size());
                locs.put(n, new Loc(Kind.POOL, buf, 0));
            }
            // Release pool buffers whose last reader is this step (each buffer once).
            List<Integer> released = new ArrayList<>();
            for (Node in : operands) {
                Loc loc = locs.get(in);
                if (loc.kind() == Kind.POOL && lastUse.get(root(in)) == i && !released.contains(loc.index())
                        && (reused == null || loc.index() != reused)) {
                    released.add(loc.index());
                    free.add(loc.index());
                }
            }
        }
    }

    /** The pool buffer of an operand of an elementwise step that dies there and has the output's size, or null. */
    private Integer inPlaceOperand(Node n, List<Node> operands, int position, Map<Node, Integer> lastUse) {
        for (Node in : operands) {
            Loc loc = locs.get(in);
            if (loc.kind() == Kind.POOL && lastUse.get(root(in)) == position
                    && root(in).shape().size() == n.shape().size()) {
                return loc.index();
            }
        }
        return null;
    }

    /** The node that owns the buffer of n: n itself, or what a chain of reshapes and scalar broadcasts starts from. */
    private Node root(Node n) {
        Node r = n;
        while (r.op() == Op.RESHAPE || fusion.scalarSource(r) != null) {
            r = r.input(0);
        }
        return r;
    }

    private int allocate(List<Integer> free, int size) {
        int best = -1;
        int largest = -1;
        for (int j = 0; j < free.size(); j++) {
            int cap = poolCapacity.get(free.get(j));
            if (cap >= size && (best < 0 || cap < poolCapacity.get(free.get(best)))) {
                best = j;
            }
            if (largest < 0 || cap > poolCapacity.get(free.get(largest))) {
                largest = j;
            }
        }
        int pick = best >= 0 ? best : largest;
        if (pick >= 0) {
            int buf = free.remove(pick);
            poolCapacity.set(buf, Math.max(poolCapacity.get(buf), size));
            return buf;
        }
        poolCapacity.add(size);
        return poolCapacity.size() - 1;
    }

    /** Total floats held by the pool. */
    long poolFloats() {
        long s = 0;
        for (int c : poolCapacity) {
            s += c;
        }
        return s;
    }
}
