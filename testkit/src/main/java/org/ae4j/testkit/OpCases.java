package org.ae4j.testkit;

import static org.ae4j.core.ir.Ops.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;

/**
 * The small graphs of the conformance suite, per op. {@link #forOp} is an exhaustive switch without a default, so a
 * new op does not compile until it has cases; the suite also checks at run time that every op has at least one.
 */
public final class OpCases {
    private OpCases() {
    }

    /** The cases exercising one op. */
    public static List<OpCase> forOp(Op op) {
        return switch (op) {
            case INPUT -> inputCases();
            case PARAMETER -> parameterCases();
            case CONSTANT -> constantCases();
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER -> binaryCases(op);
            case NEG, EXP, LOG, ABS, SIGN, SQRT, TANH -> unaryCases(op);
            case MATMUL -> matmulCases();
            case REDUCE_SUM -> reduceCases();
            case TRANSPOSE -> transposeCases();
            case RESHAPE -> reshapeCases();
            case BROADCAST -> broadcastCases();
        };
    }

    /** Every case of every op. */
    public static List<OpCase> all() {
        List<OpCase> out = new ArrayList<>();
        for (Op op : Op.values()) {
            out.addAll(forOp(op));
        }
        return out;
    }

    private static Shape s(int... dims) {
        return Shape.of(dims);
    }

    private static List<OpCase> inputCases() {
        Values v = new Values(1);
        Node x = input("x", s(3, 4));
        Node y = input("y", Shape.scalar());
        return List.of(
                new OpCase("INPUT [3,4] as an output", Op.INPUT, x, Map.of(x, v.uniform(s(3, 4), -1, 1)),
                        Tolerance.ELEMENTWISE, true),
                new OpCase("INPUT [] times 2", Op.INPUT, Ops.mul(y, Ops.scalar(2)),
                        Map.of(y, v.uniform(Shape.scalar(), -1, 1)), Tolerance.ELEMENTWISE, true));
    }

    private static List<OpCase> parameterCases() {
        Values v = new Values(2);
        Node w = Ops.parameter("w", s(2, 3));
        Node x = input("x", s(2, 3));
        Map<Node, double[]> feeds = new LinkedHashMap<>();
        feeds.put(x, v.uniform(s(2, 3), -1, 1));
        feeds.put(w, v.uniform(s(2, 3), -1, 1));
        return List.of(
                new OpCase("PARAMETER [2,3] as an output", Op.PARAMETER, w, Map.of(w, v.uniform(s(2, 3), -1, 1)),
                        Tolerance.ELEMENTWISE, true),
                new OpCase("PARAMETER [2,3] times INPUT", Op.PARAMETER, Ops.mul(x, w), feeds, Tolerance.ELEMENTWISE,
                        true));
    }

    private static List<OpCase> constantCases() {
        Values v = new Values(3);
        Node x = input("x", s(3, 4));
        Node c = Ops.constant(s(3, 4), v.uniform(s(3, 4), -1, 1));
        return List.of(
                new OpCase("CONSTANT [2,3] as an output", Op.CONSTANT, Ops.constant(s(2, 3), v.uniform(s(2, 3), -1, 1)),
                        Map.of(), Tolerance.ELEMENTWISE, false),
                new OpCase("CONSTANT [] as an output", Op.CONSTANT, Ops.scalar(0.375), Map.of(), Tolerance.ELEMENTWISE,
                        false),
                new OpCase("INPUT [3,4] times CONSTANT [3,4]", Op.CONSTANT, Ops.mul(x, c),
                        Map.of(x, v.uniform(s(3, 4), -1, 1)), Tolerance.ELEMENTWISE, true));
    }

    /** Applies a binary op through the public constructors. */
    public static Node binary(Op op, Node a, Node b) {
        return switch (op) {
            case ADD -> Ops.add(a, b);
            case SUB -> Ops.sub(a, b);
            case MUL -> Ops.mul(a, b);
            case DIV -> Ops.div(a, b);
            case MAXIMUM -> Ops.maximum(a, b);
            case MINIMUM -> Ops.minimum(a, b);
            case GREATER -> Ops.greater(a, b);
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw new IllegalArgumentException(op + " is not a binary op");
        };
    }

    /** Applies a unary op through the public constructors. */
    public static Node unary(Op op, Node a) {
        return switch (op) {
            case NEG -> Ops.neg(a);
            case EXP -> Ops.exp(a);
            case LOG -> Ops.log(a);
            case ABS -> Ops.abs(a);
            case SIGN -> Ops.sign(a);
            case SQRT -> Ops.sqrt(a);
            case TANH -> Ops.tanh(a);
            case INPUT, PARAMETER, CONSTANT, ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER, MATMUL, REDUCE_SUM,
                 TRANSPOSE, RESHAPE, BROADCAST -> throw new IllegalArgumentException(op + " is not a unary op");
        };
    }

    private static List<OpCase> binaryCases(Op op) {
        Shape[][] pairs = {
            {s(3, 4), s(3, 4)}, {s(3, 4), Shape.scalar()}, {Shape.scalar(), s(3, 4)}, {s(3, 4), s(4)},
            {s(4), s(3, 4)}, {s(3, 4), s(3, 1)}, {s(3, 1), s(3, 4)}, {s(3, 1), s(1, 4)}, {s(2, 1, 4), s(3, 1)},
            {s(2, 3, 4), s(1, 3, 1)}, {Shape.scalar(), Shape.scalar()}, {s(5, 37), s(5, 37)}, {s(1, 37), s(5, 1)},
        };
        List<OpCase> cases = new ArrayList<>();
        int seed = 100 * op.ordinal();
        for (Shape[] p : pairs) {
            Values v = new Values(seed++);
            Node a = input("a", p[0]);
            Node b = input("b", p[1]);
            Map<Node, double[]> feeds = new LinkedHashMap<>();
            if (op == Op.DIV) {
                feeds.put(a, v.uniform(p[0], -1, 1));
                feeds.put(b, v.awayFromZero(p[1], 0.5, 1.5));
            } else if (op == Op.MAXIMUM || op == Op.MINIMUM || op == Op.GREATER) {
                // Grids 0.1 apart: no ties, no kinks within the finite-difference step.
                feeds.put(a, v.grid(p[0], 0.1));
                feeds.put(b, v.grid(p[1], 0.0));
            } else {
                feeds.put(a, v.uniform(p[0], -1, 1));
                feeds.put(b, v.uniform(p[1], -1, 1));
            }
            cases.add(new OpCase(op + " " + p[0] + " with " + p[1], op, binary(op, a, b), feeds,
                    Tolerance.ELEMENTWISE, true));
        }
        Node a = input("a", s(3, 4));
        cases.add(new OpCase(op + " of a tensor with itself", op, binary(op, a, a),
                Map.of(a, new Values(seed).awayFromZero(s(3, 4), 0.5, 1.5)), Tolerance.ELEMENTWISE, true));
        cases.add(specialBinary(op));
        return cases;
    }

    private static OpCase specialBinary(Op op) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] av = {nan, 1, 2, 0, 1, -1, 0, inf};
        double[] bv = {1, nan, 2, -0.0, 0, 0, 0, 1};
        Node a = input("a", s(8));
        Node b = input("b", s(8));
        Map<Node, double[]> feeds = new LinkedHashMap<>();
        feeds.put(a, av);
        feeds.put(b, bv);
        return new OpCase(op + " on NaN, ties, signed zeros, zero divisors and infinity", op, binary(op, a, b),
                feeds, Tolerance.ELEMENTWISE, false);
    }

    private static List<OpCase> unaryCases(Op op) {
        Shape[] shapes = {s(3, 4), Shape.scalar(), s(2, 3, 4), s(1), s(5, 37)};
        List<OpCase> cases = new ArrayList<>();
        int seed = 100 * op.ordinal();
        for (Shape shape : shapes) {
            Values v = new Values(seed++);
            Node x = input("x", shape);
            double[] values;
            if (op == Op.LOG || op == Op.SQRT) {
                values = v.uniform(shape, 0.2, 2.0);
            } else if (op == Op.ABS || op == Op.SIGN) {
                values = v.awayFromZero(shape, 0.1, 1.1);
            } else {
                values = v.uniform(shape, -2, 2);
            }
            cases.add(new OpCase(op + " " + shape, op, unary(op, x), Map.of(x, values), Tolerance.ELEMENTWISE,
                    true));
        }
        Node x = input("x", s(9));
        double inf = Double.POSITIVE_INFINITY;
        double[] special = {Double.NaN, inf, -inf, 0.0, -0.0, 100, -200, 1e-30, -1};
        cases.add(new OpCase(op + " on NaN, infinities, signed zeros, overflow and negatives", op, unary(op, x),
                Map.of(x, special), Tolerance.ELEMENTWISE, false));
        return cases;
    }

    private static List<OpCase> matmulCases() {
        int[][] mkn = {{1, 1, 1}, {5, 7, 3}, {3, 1, 4}, {1, 9, 1}, {8, 600, 9}, {67, 129, 70}};
        List<OpCase> cases = new ArrayList<>();
        int seed = 5000;
        for (int[] d : mkn) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                Values v = new Values(seed++);
                Shape sa = ta ? s(d[1], d[0]) : s(d[0], d[1]);
                Shape sb = tb ? s(d[2], d[1]) : s(d[1], d[2]);
                Node a = input("a", sa);
                Node b = Ops.parameter("w", sb);
                Map<Node, double[]> feeds = new LinkedHashMap<>();
                feeds.put(a, v.uniform(sa, -1, 1));
                feeds.put(b, v.uniform(sb, -1, 1));
                String name = String.format("MATMUL %s%s · %s%s (m=%d, k=%d, n=%d)", sa, ta ? "ᵀ" : "", sb,
                        tb ? "ᵀ" : "", d[0], d[1], d[2]);
                cases.add(new OpCase(name, Op.MATMUL, Ops.matmul(a, b, ta, tb), feeds, Tolerance.SUMS, true));
            }
        }
        Node a = input("a", s(6, 5));
        cases.add(new OpCase("MATMUL aᵀ·a of one operand", Op.MATMUL, Ops.matmul(a, a, true, false),
                Map.of(a, new Values(seed).uniform(s(6, 5), -1, 1)), Tolerance.SUMS, true));
        return cases;
    }

    private static List<OpCase> reduceCases() {
        List<OpCase> cases = new ArrayList<>();
        Object[][] specs = {
            {s(7), new int[] {0}}, {s(3, 4), new int[] {0}}, {s(3, 4), new int[] {1}}, {s(3, 4), new int[] {0, 1}},
            {s(3, 4), new int[] {}}, {s(2, 3, 4), new int[] {0}}, {s(2, 3, 4), new int[] {1}},
            {s(2, 3, 4), new int[] {2}}, {s(2, 3, 4), new int[] {0, 1}}, {s(2, 3, 4), new int[] {0, 2}},
            {s(2, 3, 4), new int[] {1, 2}}, {s(2, 3, 4), new int[] {2, 0, 1}}, {s(3, 1, 4), new int[] {1}},
            {s(40, 33), new int[] {0}}, {s(40, 33), new int[] {1}}, {Shape.scalar(), new int[] {}},
        };
        int seed = 6000;
        for (Object[] spec : specs) {
            for (boolean keep : new boolean[] {false, true}) {
                Shape shape = (Shape) spec[0];
                int[] axes = (int[]) spec[1];
                Node x = input("x", shape);
                cases.add(new OpCase("REDUCE_SUM " + shape + " over " + java.util.Arrays.toString(axes)
                        + (keep ? " keeping dims" : ""), Op.REDUCE_SUM, Ops.reduceSum(x, keep, axes),
                        Map.of(x, new Values(seed++).uniform(shape, -1, 1)), Tolerance.SUMS, true));
            }
        }
        return cases;
    }

    private static List<OpCase> transposeCases() {
        List<OpCase> cases = new ArrayList<>();
        Object[][] specs = {
            {s(3, 4), new int[] {1, 0}}, {s(5), new int[] {0}}, {s(1, 4), new int[] {1, 0}},
            {s(33, 70), new int[] {1, 0}}, {s(2, 1, 3), new int[] {2, 0, 1}}, {s(2, 3, 4), new int[] {0, 1, 2}},
            {s(2, 3, 4), new int[] {0, 2, 1}}, {s(2, 3, 4), new int[] {1, 0, 2}}, {s(2, 3, 4), new int[] {1, 2, 0}},
            {s(2, 3, 4), new int[] {2, 0, 1}}, {s(2, 3, 4), new int[] {2, 1, 0}},
        };
        int seed = 7000;
        for (Object[] spec : specs) {
            Shape shape = (Shape) spec[0];
            int[] perm = (int[]) spec[1];
            Node x = input("x", shape);
            cases.add(new OpCase("TRANSPOSE " + shape + " by " + java.util.Arrays.toString(perm), Op.TRANSPOSE,
                    Ops.transpose(x, perm), Map.of(x, new Values(seed++).uniform(shape, -1, 1)),
                    Tolerance.ELEMENTWISE, true));
        }
        return cases;
    }

    private static List<OpCase> reshapeCases() {
        List<OpCase> cases = new ArrayList<>();
        Values v = new Values(8000);
        Node x = input("x", s(3, 4));
        cases.add(new OpCase("RESHAPE [3,4] to [2,6]", Op.RESHAPE, Ops.reshape(x, s(2, 6)),
                Map.of(x, v.uniform(s(3, 4), -1, 1)), Tolerance.ELEMENTWISE, true));
        Node y = input("y", s(12));
        cases.add(new OpCase("RESHAPE [12] to [3,1,4] of a computed value", Op.RESHAPE,
                Ops.reshape(Ops.tanh(y), s(3, 1, 4)), Map.of(y, v.uniform(s(12), -1, 1)), Tolerance.ELEMENTWISE,
                true));
        // The reshaped value is read after a consumer of the reshape could have overwritten it in place.
        Node z = input("z", s(3, 4));
        Node t = Ops.tanh(z);
        Node r = Ops.reshape(t, s(12));
        Node out = Ops.add(Ops.reshape(Ops.exp(r), s(3, 4)), Ops.mul(t, Ops.scalar(2)));
        cases.add(new OpCase("RESHAPE alias read after its consumer", Op.RESHAPE, out,
                Map.of(z, v.uniform(s(3, 4), -1, 1)), Tolerance.ELEMENTWISE, true));
        Node w = input("w", s(2, 3));
        cases.add(new OpCase("RESHAPE of a RESHAPE to a scalar-shaped row", Op.RESHAPE,
                Ops.reshape(Ops.reshape(Ops.neg(w), s(6)), s(1, 6)), Map.of(w, v.uniform(s(2, 3), -1, 1)),
                Tolerance.ELEMENTWISE, true));
        return cases;
    }

    private static List<OpCase> broadcastCases() {
        List<OpCase> cases = new ArrayList<>();
        Shape[][] specs = {
            {s(4), s(3, 4)}, {s(3, 1), s(3, 4)}, {Shape.scalar(), s(2, 3)}, {s(1, 3, 1), s(2, 3, 4)},
            {s(2, 1), s(2, 2, 5)}, {s(1), s(7)}, {s(5, 1, 1), s(5, 2, 3)},
        };
        int seed = 9000;
        for (Shape[] spec : specs) {
            Node x = input("x", spec[0]);
            cases.add(new OpCase("BROADCAST " + spec[0] + " to " + spec[1], Op.BROADCAST,
                    Ops.broadcast(x, spec[1]), Map.of(x, new Values(seed++).uniform(spec[0], -1, 1)),
                    Tolerance.ELEMENTWISE, true));
        }
        return cases;
    }
}
