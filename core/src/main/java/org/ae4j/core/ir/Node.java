package org.ae4j.core.ir;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One immutable node of the IR graph: an op, its inputs, its attributes and its inferred shape.
 *
 * <p>Nodes are created only through {@link Ops}, which checks shapes. Identity is object identity; {@link #id()}
 * is a process-unique creation number, so sorting by it gives a deterministic order.
 */
public final class Node {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final long id;
    private final Op op;
    private final Shape shape;
    private final List<Node> inputs;
    private final String name;
    private final double[] value;
    private final boolean transA;
    private final boolean transB;
    private final int[] axes;
    private final boolean keepDims;
    private final int[] perm;

    Node(Op op, Shape shape, List<Node> inputs, String name, double[] value,
         boolean transA, boolean transB, int[] axes, boolean keepDims, int[] perm) {
        this.id = NEXT_ID.getAndIncrement();
        this.op = op;
        this.shape = shape;
        this.inputs = List.copyOf(inputs);
        this.name = name;
        this.value = value;
        this.transA = transA;
        this.transB = transB;
        this.axes = axes;
        this.keepDims = keepDims;
        this.perm = perm;
    }

    public long id() {
        return id;
    }

    public Op op() {
        return op;
    }

    public Shape shape() {
        return shape;
    }

    public List<Node> inputs() {
        return inputs;
    }

    public Node input(int i) {
        return inputs.get(i);
    }

    /** The name of an INPUT or PARAMETER node; null otherwise. */
    public String name() {
        return name;
    }

    /** A copy of a CONSTANT node's values (row-major); null otherwise. */
    public double[] value() {
        return value == null ? null : value.clone();
    }

    /** The constant's value at a flat index, without copying. */
    public double valueAt(int i) {
        return value[i];
    }

    /** True when the node is a CONSTANT whose every element equals v. */
    public boolean isConstant(double v) {
        if (op != Op.CONSTANT) {
            return false;
        }
        for (double d : value) {
            if (d != v) {
                return false;
            }
        }
        return true;
    }

    /** MATMUL: whether the first operand is transposed. */
    public boolean transA() {
        return transA;
    }

    /** MATMUL: whether the second operand is transposed. */
    public boolean transB() {
        return transB;
    }

    /** REDUCE_SUM: the reduced axes, ascending (a copy). */
    public int[] axes() {
        return axes == null ? null : axes.clone();
    }

    /** REDUCE_SUM: whether reduced axes are kept with size 1. */
    public boolean keepDims() {
        return keepDims;
    }

    /** TRANSPOSE: the permutation (a copy); output axis i is input axis perm[i]. */
    public int[] perm() {
        return perm == null ? null : perm.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append('%').append(id).append(' ').append(op);
        if (name != null) {
            sb.append(" '").append(name).append('\'');
        }
        sb.append(' ').append(shape);
        return sb.toString();
    }
}
