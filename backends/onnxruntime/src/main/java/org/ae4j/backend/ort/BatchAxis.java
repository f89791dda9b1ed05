package org.ae4j.backend.ort;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;

/**
 * Proves that a program built for batch size 1 computes every row independently, so that its lowering runs
 * unchanged on any number of rows once the graph's first input and output dimension is made symbolic.
 *
 * <p>A tensor is <em>batched</em> when axis 0 is the row axis and row b depends only on row b of the inputs; all
 * other tensors (parameters, constants and what is computed from them alone) are <em>free</em>. An op may take
 * batched operands only where the lowering stays correct for any row count: elementwise ops (free operands
 * broadcast against the rows, as ONNX broadcasting does), the left operand of a matrix product without transA
 * against a free right operand, sums over other axes, transposes that keep axis 0 first, and broadcasts of equal
 * rank (ONNX Expand broadcasts both ways, so a target dimension of 1 keeps the row count). Anything else, a reshape
 * of a batched tensor or a sum over rows for example, fixes the batch size in the graph and is rejected, naming
 * the op.
 */
final class BatchAxis {
    private BatchAxis() {
    }

    /**
     * Checks a program whose inputs all have the row axis first, of size 1, and whose outputs must all be batched.
     *
     * @throws IllegalArgumentException naming the first op that depends on the batch size
     */
    static void requireRowwise(Program program) {
        Set<Node> batched = new HashSet<>();
        for (Node in : program.inputs()) {
            if (in.shape().rank() < 1 || in.shape().dim(0) != 1) {
                throw new IllegalArgumentException("input '" + in.name() + "' " + in.shape()
                        + ": expected the row axis first, built for one row");
            }
            batched.add(in);
        }
        for (Node n : program.schedule()) {
            if (n.op().kind() != Op.Kind.LEAF && isBatched(n, batched)) {
                if (n.shape().rank() < 1 || n.shape().dim(0) != 1) {
                    throw reject(n, "its row axis is not of size 1 in a graph built for one row");
                }
                batched.add(n);
            }
        }
        for (Node out : program.outputs()) {
            if (!batched.contains(out)) {
                throw new IllegalArgumentException("output " + out + " does not depend on the input rows");
            }
        }
    }

    /** Whether n is batched, given its operands; throws when n would depend on the batch size. */
    private static boolean isBatched(Node n, Set<Node> batched) {
        List<Node> in = n.inputs();
        boolean any = false;
        for (Node i : in) {
            any |= batched.contains(i);
        }
        if (!any) {
            return false;
        }
        return switch (n.op()) {
            case INPUT, PARAMETER, CONSTANT -> throw new AssertionError(n);
            case NEG, EXP, LOG, ABS, SIGN, SQRT, TANH -> true;
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER -> {
                for (Node i : in) {
                    if (batched.contains(i) && i.shape().rank() != n.shape().rank()) {
                        throw reject(n, "a row-dependent operand " + i.shape() + " is broadcast to " + n.shape()
                                + ", which moves its row axis");
                    }
                }
                yield true;
            }
            case MATMUL -> {
                if (batched.contains(in.get(1)) || n.transA()) {
                    throw reject(n, "the product mixes rows (row axis contracted or moved)");
                }
                yield true;
            }
            case REDUCE_SUM -> {
                for (int ax : n.axes()) {
                    if (ax == 0) {
                        throw reject(n, "it sums over rows");
                    }
                }
                yield true;
            }
            case TRANSPOSE -> {
                if (n.perm()[0] != 0) {
                    throw reject(n, "it moves the row axis");
                }
                yield true;
            }
            case RESHAPE -> throw reject(n, "a reshape of a row-dependent tensor fixes the row count");
            case BROADCAST -> {
                if (in.get(0).shape().rank() != n.shape().rank()) {
                    throw reject(n, "it broadcasts a row-dependent tensor to a higher rank");
                }
                yield true;
            }
        };
    }

    private static IllegalArgumentException reject(Node n, String why) {
        return new IllegalArgumentException(n.op() + " " + n.shape() + " depends on the batch size: " + why);
    }
}
