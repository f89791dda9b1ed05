package org.ae4j.backend.ort;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;

/**
 * The one table from IR ops to ONNX operators. The switch in {@link #ruleFor(Op)} is an exhaustive switch
 * expression without a default, so a new {@link Op} does not compile until it has an entry here.
 */
final class OnnxOpTable {
    /**
     * How one IR op is written in ONNX.
     *
     * @param onnxOp the ONNX operator (default domain), or null for leaves (graph inputs and initializers)
     * @param arity how many IR operands the op takes, passed first and in order
     * @param attributes the ONNX attributes of one node
     * @param int64Operand a trailing int64 operand (axes, shape), written as an initializer; null when there is none
     * @param then what follows the ONNX operator, when it returns bool
     */
    record Rule(String onnxOp, int arity, Function<Node, List<AttributeProto>> attributes,
                Function<Node, long[]> int64Operand, Then then) {
        boolean isLeaf() {
            return onnxOp == null;
        }
    }

    /** A second ONNX node that turns the bool result of a comparison into the op's float32 value. */
    enum Then {
        /** Nothing: the ONNX operator computes the value. */
        NOTHING,
        /** Cast(to=FLOAT): 1 where true, 0 where false. */
        CAST_TO_FLOAT,
        /** Where(cond, a, b): the first operand where true, the second where false. */
        SELECT_OPERAND
    }

    private static final Function<Node, List<AttributeProto>> NONE = n -> List.of();
    private static final Rule LEAF = new Rule(null, 0, NONE, null, Then.NOTHING);
    private static final Map<Op, Rule> TABLE = build();

    private OnnxOpTable() {
    }

    /** The rule of every op, in declaration order. */
    static Map<Op, Rule> table() {
        return TABLE;
    }

    /** The rule of one op. */
    static Rule rule(Op op) {
        return TABLE.get(op);
    }

    private static Map<Op, Rule> build() {
        Map<Op, Rule> m = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            Rule r = ruleFor(op);
            if (r.arity() != op.arity()) {
                throw new AssertionError(op + ": table arity " + r.arity() + ", IR arity " + op.arity());
            }
            m.put(op, r);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Rule ruleFor(Op op) {
        return switch (op) {
            case INPUT, PARAMETER, CONSTANT -> LEAF;
            case ADD -> simple("Add", 2);
            case SUB -> simple("Sub", 2);
            case MUL -> simple("Mul", 2);
            case DIV -> simple("Div", 2);
            // The IR defines MAXIMUM as a >= b ? a : b, and MINIMUM as a <= b ? a : b. ONNX Max/Min agree on numbers
            // (on ties the values are equal) but propagate a NaN in either operand; the IR gives b when a is NaN
            // (so relu(NaN) = 0). A comparison and a Where keep the IR's values everywhere.
            case MAXIMUM -> new Rule("GreaterOrEqual", 2, NONE, null, Then.SELECT_OPERAND);
            case MINIMUM -> new Rule("LessOrEqual", 2, NONE, null, Then.SELECT_OPERAND);
            case GREATER -> new Rule("Greater", 2, NONE, null, Then.CAST_TO_FLOAT);
            case NEG -> simple("Neg", 1);
            case EXP -> simple("Exp", 1);
            case LOG -> simple("Log", 1);
            case ABS -> simple("Abs", 1);
            case SIGN -> simple("Sign", 1);
            case SQRT -> simple("Sqrt", 1);
            case TANH -> simple("Tanh", 1);
            case MATMUL -> new Rule("Gemm", 2,
                    n -> List.of(intAttr("transA", n.transA() ? 1 : 0), intAttr("transB", n.transB() ? 1 : 0)),
                    null, Then.NOTHING);
            // Axes are an int64 input since opset 13. noop_with_empty_axes: an empty axis list sums nothing, as in
            // the IR, instead of everything.
            case REDUCE_SUM -> new Rule("ReduceSum", 1,
                    n -> List.of(intAttr("keepdims", n.keepDims() ? 1 : 0), intAttr("noop_with_empty_axes", 1)),
                    n -> longs(n.axes()), Then.NOTHING);
            case TRANSPOSE -> new Rule("Transpose", 1, n -> List.of(intsAttr("perm", n.perm())), null, Then.NOTHING);
            case RESHAPE -> new Rule("Reshape", 1, NONE, n -> longs(n.shape().dims()), Then.NOTHING);
            case BROADCAST -> new Rule("Expand", 1, NONE, n -> longs(n.shape().dims()), Then.NOTHING);
        };
    }

    private static Rule simple(String onnxOp, int arity) {
        return new Rule(onnxOp, arity, NONE, null, Then.NOTHING);
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttr(String name, int[] values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
