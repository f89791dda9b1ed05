package org.ae4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.ir.ShapeException;

/**
 * Random DAGs of continuous ops over small shapes, with several outputs: they stress a backend's memory planning
 * (buffer reuse, in-place ops, aliases) far more than single-op cases. Values stay bounded (tanh after products,
 * guarded LOG, SQRT and DIV), so float32 errors stay small.
 */
public final class RandomGraphs {
    private static final int MAX_SIZE = 64;

    /** A generated graph: its outputs and the values of its leaves. */
    public record Graph(List<Node> outputs, Map<Node, double[]> feeds) {
    }

    private RandomGraphs() {
    }

    /** A graph of about {@code steps} ops of every kind, reproducible from the seed. */
    public static Graph generate(long seed, int steps) {
        return generate(seed, steps, false);
    }

    /**
     * A graph of about {@code steps} ops, reproducible from the seed. With {@code elementwise}, only unary and
     * binary ops over a few broadcast-compatible shapes, with values often used twice by one op: dense chains
     * that a backend may fuse.
     */
    public static Graph generate(long seed, int steps, boolean elementwise) {
        Random rnd = new Random(seed);
        Values values = new Values(seed);
        Map<Node, double[]> feeds = new LinkedHashMap<>();
        List<Node> pool = new ArrayList<>();
        Shape[] leafShapes = {Shape.of(4, 5), Shape.of(4, 5), Shape.of(5), Shape.of(4, 1), Shape.scalar()};
        for (int i = 0; i < leafShapes.length; i++) {
            Node leaf = i == 2 ? Ops.parameter("p" + i, leafShapes[i]) : Ops.input("x" + i, leafShapes[i]);
            feeds.put(leaf, values.uniform(leafShapes[i], -1, 1));
            pool.add(leaf);
        }
        int made = 0;
        int attempts = 0;
        while (made < steps && attempts++ < steps * 50) {
            Node n;
            try {
                n = elementwise ? elementwiseStep(rnd, pool) : step(rnd, pool);
            } catch (ShapeException e) {
                continue;
            }
            if (n == null || n.shape().size() > MAX_SIZE) {
                continue;
            }
            pool.add(n);
            made++;
        }
        Set<Node> outputs = new LinkedHashSet<>();
        outputs.add(pool.get(pool.size() - 1));
        for (int i = 0; i < 3; i++) {
            outputs.add(pool.get(leafShapes.length + rnd.nextInt(pool.size() - leafShapes.length)));
        }
        List<Node> outs = new ArrayList<>(outputs);
        return new Graph(outs, Runs.restrict(feeds, outs));
    }

    private static Node pick(Random rnd, List<Node> pool) {
        // Prefer recent nodes, so graphs get deep, but keep older ones alive too.
        int n = pool.size();
        return rnd.nextInt(3) == 0 ? pool.get(rnd.nextInt(n)) : pool.get(Math.max(0, n - 1 - rnd.nextInt(4)));
    }

    private static Node step(Random rnd, List<Node> pool) {
        Node a = pick(rnd, pool);
        Node b = pick(rnd, pool);
        Node one = Ops.scalar(1);
        return switch (rnd.nextInt(14)) {
            case 0 -> Ops.tanh(a);
            case 1 -> Ops.neg(a);
            case 2 -> Ops.abs(a);
            case 3 -> Ops.exp(Ops.tanh(a));
            case 4 -> Ops.log(Ops.add(Ops.abs(a), one));
            case 5 -> Ops.sqrt(Ops.add(Ops.abs(a), Ops.scalar(0.5)));
            case 6 -> Ops.div(a, Ops.add(Ops.abs(b), one));
            case 7 -> binary(rnd, a, b);
            case 8 -> a.shape().rank() == 2 && b.shape().rank() == 2 ? matmul(rnd, a, b) : null;
            case 9 -> reduce(rnd, a);
            case 10 -> a.shape().rank() >= 2 ? Ops.transpose(a, reversed(a.shape().rank())) : null;
            case 11 -> reshape(rnd, a);
            case 12 -> broadcast(rnd, a);
            default -> Ops.tanh(Ops.mul(a, b));
        };
    }

    private static Node elementwiseStep(Random rnd, List<Node> pool) {
        Node a = pick(rnd, pool);
        Node b = rnd.nextInt(4) == 0 ? a : pick(rnd, pool);
        return switch (rnd.nextInt(9)) {
            case 0 -> Ops.tanh(a);
            case 1 -> Ops.neg(a);
            case 2 -> Ops.abs(a);
            case 3 -> Ops.exp(Ops.tanh(a));
            case 4 -> Ops.log(Ops.add(Ops.abs(a), Ops.scalar(1)));
            case 5 -> Ops.div(a, Ops.add(Ops.abs(b), Ops.scalar(1)));
            case 6 -> Ops.mul(Ops.tanh(a), Ops.tanh(a));
            default -> binary(rnd, a, b);
        };
    }

    private static Node binary(Random rnd, Node a, Node b) {
        Op[] ops = {Op.ADD, Op.SUB, Op.MUL, Op.MAXIMUM, Op.MINIMUM};
        Node n = OpCases.binary(ops[rnd.nextInt(ops.length)], a, b);
        return rnd.nextBoolean() ? Ops.tanh(n) : n;
    }

    private static Node matmul(Random rnd, Node a, Node b) {
        int start = rnd.nextInt(4);
        for (int t = 0; t < 4; t++) {
            int flags = (start + t) % 4;
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            int ka = ta ? a.shape().dim(0) : a.shape().dim(1);
            int kb = tb ? b.shape().dim(1) : b.shape().dim(0);
            if (ka == kb) {
                return Ops.tanh(Ops.matmul(a, b, ta, tb));
            }
        }
        return null;
    }

    private static Node reduce(Random rnd, Node a) {
        int rank = a.shape().rank();
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (rnd.nextBoolean()) {
                axes.add(d);
            }
        }
        return Ops.reduceSum(a, rnd.nextBoolean(), axes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int[] reversed(int rank) {
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = rank - 1 - i;
        }
        return perm;
    }

    private static Node reshape(Random rnd, Node a) {
        int size = a.shape().size();
        List<Shape> options = new ArrayList<>();
        options.add(Shape.of(size));
        options.add(Shape.of(1, size));
        options.add(Shape.of(size, 1));
        for (int d = 2; d < size; d++) {
            if (size % d == 0) {
                options.add(Shape.of(d, size / d));
            }
        }
        Shape target = options.get(rnd.nextInt(options.size()));
        return target.equals(a.shape()) ? null : Ops.reshape(a, target);
    }

    private static Node broadcast(Random rnd, Node a) {
        int[] dims = a.shape().dims();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1 && rnd.nextBoolean()) {
                dims[d] = 3;
            }
        }
        int[] target = new int[dims.length + 1];
        target[0] = 2;
        System.arraycopy(dims, 0, target, 1, dims.length);
        return Ops.broadcast(a, Shape.of(target));
    }
}
