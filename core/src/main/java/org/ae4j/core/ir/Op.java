package org.ae4j.core.ir;

/**
 * The closed set of primitive float32 operations of the IR.
 *
 * <p>Every switch over this enum is written without a {@code default} branch, so adding an op does not
 * compile until it has a shape rule, a gradient rule, a reference kernel and a backend kernel.
 */
public enum Op {
    /** A tensor fed on every run (a batch, noise). Attribute: name. */
    INPUT(Kind.LEAF, 0),
    /** A named persistent tensor (a weight or optimizer state); may be updated by a program. */
    PARAMETER(Kind.LEAF, 0),
    /** A constant tensor; its values are kept in double precision. */
    CONSTANT(Kind.LEAF, 0),

    ADD(Kind.BINARY, 2),
    SUB(Kind.BINARY, 2),
    MUL(Kind.BINARY, 2),
    DIV(Kind.BINARY, 2),
    /** Elementwise maximum; the gradient goes to the first operand on ties. */
    MAXIMUM(Kind.BINARY, 2),
    /** Elementwise minimum; the gradient goes to the first operand on ties. */
    MINIMUM(Kind.BINARY, 2),
    /** 1 where a &gt; b, else 0; has no gradient. */
    GREATER(Kind.BINARY, 2),

    NEG(Kind.UNARY, 1),
    EXP(Kind.UNARY, 1),
    LOG(Kind.UNARY, 1),
    ABS(Kind.UNARY, 1),
    /** -1, 0 or 1; has no gradient. */
    SIGN(Kind.UNARY, 1),
    SQRT(Kind.UNARY, 1),
    TANH(Kind.UNARY, 1),

    /** 2-D matrix product op(a) · op(b), with transpose flags. */
    MATMUL(Kind.MATMUL, 2),
    /** Sum over the given axes, optionally keeping them as size-1 dimensions. */
    REDUCE_SUM(Kind.REDUCE, 1),
    /** Permutation of axes. */
    TRANSPOSE(Kind.SHAPE, 1),
    /** Same elements in row-major order, new shape. */
    RESHAPE(Kind.SHAPE, 1),
    /** Numpy-style broadcast to a larger shape. */
    BROADCAST(Kind.SHAPE, 1);

    /** The family an op belongs to. */
    public enum Kind { LEAF, UNARY, BINARY, MATMUL, REDUCE, SHAPE }

    private final Kind kind;
    private final int arity;

    Op(Kind kind, int arity) {
        this.kind = kind;
        this.arity = arity;
    }

    public Kind kind() {
        return kind;
    }

    public int arity() {
        return arity;
    }

    /** True for ops whose output carries no gradient to their inputs. */
    public boolean isPiecewiseConstant() {
        return this == GREATER || this == SIGN;
    }
}
