package org.ae4j.core.ir;

import java.util.Arrays;
import java.util.List;

/**
 * Constructors of primitive nodes. Each infers the output shape and throws {@link ShapeException} at once,
 * naming the op and the shapes, when the operands do not fit.
 */
public final class Ops {
    private Ops() {
    }

    /** A tensor fed on every run. */
    public static Node input(String name, Shape shape) {
        requireName(name, Op.INPUT);
        return leaf(Op.INPUT, shape, name, null);
    }

    /** A named persistent tensor (weight or optimizer state). */
    public static Node parameter(String name, Shape shape) {
        requireName(name, Op.PARAMETER);
        return leaf(Op.PARAMETER, shape, name, null);
    }

    /** A constant tensor; values are row-major. */
    public static Node constant(Shape shape, double... values) {
        if (values.length != shape.size()) {
            throw new ShapeException("CONSTANT: shape " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
        return leaf(Op.CONSTANT, shape, null, values.clone());
    }

    /** A scalar constant. */
    public static Node scalar(double v) {
        return leaf(Op.CONSTANT, Shape.scalar(), null, new double[] {v});
    }

    /** A constant of the given shape filled with v. */
    public static Node fill(Shape shape, double v) {
        double[] values = new double[shape.size()];
        Arrays.fill(values, v);
        return leaf(Op.CONSTANT, shape, null, values);
    }

    public static Node add(Node a, Node b) {
        return binary(Op.ADD, a, b);
    }

    public static Node sub(Node a, Node b) {
        return binary(Op.SUB, a, b);
    }

    public static Node mul(Node a, Node b) {
        return binary(Op.MUL, a, b);
    }

    public static Node div(Node a, Node b) {
        return binary(Op.DIV, a, b);
    }

    public static Node maximum(Node a, Node b) {
        return binary(Op.MAXIMUM, a, b);
    }

    public static Node minimum(Node a, Node b) {
        return binary(Op.MINIMUM, a, b);
    }

    /** 1 where a &gt; b, else 0. */
    public static Node greater(Node a, Node b) {
        return binary(Op.GREATER, a, b);
    }

    public static Node neg(Node a) {
        return unary(Op.NEG, a);
    }

    public static Node exp(Node a) {
        return unary(Op.EXP, a);
    }

    public static Node log(Node a) {
        return unary(Op.LOG, a);
    }

    public static Node abs(Node a) {
        return unary(Op.ABS, a);
    }

    public static Node sign(Node a) {
        return unary(Op.SIGN, a);
    }

    public static Node sqrt(Node a) {
        return unary(Op.SQRT, a);
    }

    public static Node tanh(Node a) {
        return unary(Op.TANH, a);
    }

    /** op(a) · op(b) for 2-D a and b; op transposes when its flag is set. */
    public static Node matmul(Node a, Node b, boolean transA, boolean transB) {
        if (a.shape().rank() != 2 || b.shape().rank() != 2) {
            throw new ShapeException("MATMUL: expected two 2-D operands, got " + a.shape() + " and " + b.shape());
        }
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int ka = transA ? a.shape().dim(0) : a.shape().dim(1);
        int kb = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (ka != kb) {
            throw new ShapeException("MATMUL" + (transA ? " (transA)" : "") + (transB ? " (transB)" : "")
                    + ": inner dimensions differ: " + a.shape() + " and " + b.shape());
        }
        return new Node(Op.MATMUL, Shape.of(m, n), List.of(a, b), null, null, transA, transB, null, false, null);
    }

    public static Node matmul(Node a, Node b) {
        return matmul(a, b, false, false);
    }

    /** Sum over the given axes (any order, no repeats). */
    public static Node reduceSum(Node a, boolean keepDims, int... axes) {
        int rank = a.shape().rank();
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        boolean[] reduced = new boolean[rank];
        for (int ax : sorted) {
            if (ax < 0 || ax >= rank || reduced[ax]) {
                throw new ShapeException("REDUCE_SUM: bad axes " + Arrays.toString(axes) + " for shape " + a.shape());
            }
            reduced[ax] = true;
        }
        int[] out = new int[keepDims ? rank : rank - sorted.length];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                out[j++] = a.shape().dim(i);
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return new Node(Op.REDUCE_SUM, Shape.of(out), List.of(a), null, null, false, false, sorted, keepDims, null);
    }

    /** Sum of all elements, a scalar. */
    public static Node sumAll(Node a) {
        int[] all = new int[a.shape().rank()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all.length == 0 ? a : reduceSum(a, false, all);
    }

    /** Axis permutation: output axis i is input axis perm[i]. */
    public static Node transpose(Node a, int... perm) {
        int rank = a.shape().rank();
        boolean[] seen = new boolean[rank];
        if (perm.length != rank) {
            throw new ShapeException("TRANSPOSE: permutation " + Arrays.toString(perm) + " does not fit shape " + a.shape());
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
                throw new ShapeException("TRANSPOSE: " + Arrays.toString(perm) + " is not a permutation of " + rank + " axes");
            }
            seen[perm[i]] = true;
            out[i] = a.shape().dim(perm[i]);
        }
        return new Node(Op.TRANSPOSE, Shape.of(out), List.of(a), null, null, false, false, null, false, perm.clone());
    }

    /** Transpose of a 2-D tensor. */
    public static Node transpose(Node a) {
        if (a.shape().rank() != 2) {
            throw new ShapeException("TRANSPOSE: expected a 2-D operand, got " + a.shape());
        }
        return transpose(a, 1, 0);
    }

    public static Node reshape(Node a, Shape shape) {
        if (a.shape().size() != shape.size()) {
            throw new ShapeException("RESHAPE: cannot reshape " + a.shape() + " to " + shape);
        }
        if (a.shape().equals(shape)) {
            return a;
        }
        return new Node(Op.RESHAPE, shape, List.of(a), null, null, false, false, null, false, null);
    }

    /** Numpy-style broadcast of a to the given shape. */
    public static Node broadcast(Node a, Shape shape) {
        Shape b = broadcastShape("BROADCAST", a.shape(), shape);
        if (!b.equals(shape)) {
            throw new ShapeException("BROADCAST: cannot broadcast " + a.shape() + " to " + shape);
        }
        if (a.shape().equals(shape)) {
            return a;
        }
        return new Node(Op.BROADCAST, shape, List.of(a), null, null, false, false, null, false, null);
    }

    /** The numpy broadcast of two shapes, or a ShapeException naming the op. */
    public static Shape broadcastShape(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.rank()) >= 0 ? a.dim(i - (rank - a.rank())) : 1;
            int db = i - (rank - b.rank()) >= 0 ? b.dim(i - (rank - b.rank())) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return Shape.of(out);
    }

    static Node unary(Op op, Node a) {
        return new Node(op, a.shape(), List.of(a), null, null, false, false, null, false, null);
    }

    static Node binary(Op op, Node a, Node b) {
        Shape s = broadcastShape(op.name(), a.shape(), b.shape());
        return new Node(op, s, List.of(a, b), null, null, false, false, null, false, null);
    }

    private static Node leaf(Op op, Shape shape, String name, double[] value) {
        return new Node(op, shape, List.of(), name, value, false, false, null, false, null);
    }

    private static void requireName(String name, Op op) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(op + ": expected a non-blank name, got '" + name + "'");
        }
    }
}
