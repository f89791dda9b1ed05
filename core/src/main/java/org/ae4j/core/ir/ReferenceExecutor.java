package org.ae4j.core.ir;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs any graph in double precision with plain loops, written to be obviously correct rather than fast.
 * It is the oracle that every backend is tested against.
 */
public final class ReferenceExecutor {
    private ReferenceExecutor() {
    }

    /**
     * Evaluates the outputs. {@code feeds} gives a value for every INPUT and PARAMETER node they depend on.
     *
     * @return every evaluated node's value, keyed by node
     */
    public static Map<Node, double[]> evaluate(Collection<Node> outputs, Map<Node, double[]> feeds) {
        Map<Node, double[]> values = new HashMap<>();
        for (Node n : Graphs.topologicalOrder(outputs)) {
            values.put(n, compute(n, values, feeds));
        }
        return values;
    }

    /** Evaluates one output. */
    public static double[] evaluate(Node output, Map<Node, double[]> feeds) {
        return evaluate(List.of(output), feeds).get(output);
    }

    private static double[] compute(Node n, Map<Node, double[]> values, Map<Node, double[]> feeds) {
        switch (n.op()) {
            case INPUT:
            case PARAMETER: {
                double[] v = feeds.get(n);
                if (v == null) {
                    throw new IllegalArgumentException("no value fed for " + n.op() + " '" + n.name() + "' " + n.shape());
                }
                if (v.length != n.shape().size()) {
                    throw new IllegalArgumentException(n.op() + " '" + n.name() + "': expected " + n.shape().size()
                            + " values for shape " + n.shape() + ", got " + v.length);
                }
                return v.clone();
            }
            case CONSTANT:
                return n.value();
            case ADD:
            case SUB:
            case MUL:
            case DIV:
            case MAXIMUM:
            case MINIMUM:
            case GREATER:
                return binary(n, values.get(n.input(0)), values.get(n.input(1)));
            case NEG:
            case EXP:
            case LOG:
            case ABS:
            case SIGN:
            case SQRT:
            case TANH:
                return unary(n.op(), values.get(n.input(0)));
            case MATMUL:
                return matmul(n, values.get(n.input(0)), values.get(n.input(1)));
            case REDUCE_SUM:
                return reduceSum(n, values.get(n.input(0)));
            case TRANSPOSE:
                return transpose(n, values.get(n.input(0)));
            case RESHAPE:
                return values.get(n.input(0)).clone();
            case BROADCAST:
                return broadcast(n.input(0).shape(), n.shape(), values.get(n.input(0)));
        }
        throw new AssertionError(n.op());
    }

    /** Applies one unary op to one value; shared with tests that want the exact reference semantics. */
    public static double unary(Op op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SQRT -> Math.sqrt(x);
            case TANH -> Math.tanh(x);
            case INPUT, PARAMETER, CONSTANT, ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER, MATMUL, REDUCE_SUM,
                 TRANSPOSE, RESHAPE, BROADCAST -> throw new IllegalArgumentException(op + " is not a unary op");
        };
    }

    /** Applies one binary op to one pair of values. */
    public static double binary(Op op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAXIMUM -> a >= b ? a : b;
            case MINIMUM -> a <= b ? a : b;
            case GREATER -> a > b ? 1.0 : 0.0;
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw new IllegalArgumentException(op + " is not a binary op");
        };
    }

    private static double[] unary(Op op, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = unary(op, a[i]);
        }
        return out;
    }

    private static double[] binary(Node n, double[] a, double[] b) {
        double[] ab = broadcast(n.input(0).shape(), n.shape(), a);
        double[] bb = broadcast(n.input(1).shape(), n.shape(), b);
        double[] out = new double[ab.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = binary(n.op(), ab[i], bb[i]);
        }
        return out;
    }

    /** Numpy broadcast of values of shape from to shape to. */
    static double[] broadcast(Shape from, Shape to, double[] v) {
        int rank = to.rank();
        int lead = rank - from.rank();
        int[] fromStrides = from.strides();
        int[] toDims = to.dims();
        double[] out = new double[to.size()];
        int[] idx = new int[rank];
        for (int i = 0; i < out.length; i++) {
            int src = 0;
            for (int d = lead; d < rank; d++) {
                if (from.dim(d - lead) != 1) {
                    src += idx[d] * fromStrides[d - lead];
                }
            }
            out[i] = v[src];
            increment(idx, toDims);
        }
        return out;
    }

    private static double[] matmul(Node n, double[] a, double[] b) {
        int m = n.shape().dim(0);
        int p = n.shape().dim(1);
        int aCols = n.input(0).shape().dim(1);
        int bCols = n.input(1).shape().dim(1);
        int k = n.transA() ? n.input(0).shape().dim(0) : aCols;
        double[] out = new double[m * p];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    double av = n.transA() ? a[t * aCols + i] : a[i * aCols + t];
                    double bv = n.transB() ? b[j * bCols + t] : b[t * bCols + j];
                    s += av * bv;
                }
                out[i * p + j] = s;
            }
        }
        return out;
    }

    private static double[] reduceSum(Node n, double[] a) {
        Shape in = n.input(0).shape();
        int[] inDims = in.dims();
        boolean[] reduced = new boolean[in.rank()];
        for (int ax : n.axes()) {
            reduced[ax] = true;
        }
        int[] keptDims = in.dims();
        for (int d = 0; d < keptDims.length; d++) {
            if (reduced[d]) {
                keptDims[d] = 1;
            }
        }
        int[] keptStrides = Shape.of(keptDims.length == 0 ? new int[0] : keptDims).strides();
        double[] out = new double[n.shape().size()];
        int[] idx = new int[in.rank()];
        for (int i = 0; i < a.length; i++) {
            int dst = 0;
            for (int d = 0; d < idx.length; d++) {
                if (!reduced[d]) {
                    dst += idx[d] * keptStrides[d];
                }
            }
            out[dst] += a[i];
            increment(idx, inDims);
        }
        return out;
    }

    private static double[] transpose(Node n, double[] a) {
        int[] perm = n.perm();
        int[] inStrides = n.input(0).shape().strides();
        int[] outDims = n.shape().dims();
        double[] out = new double[a.length];
        int[] idx = new int[outDims.length];
        for (int i = 0; i < out.length; i++) {
            int src = 0;
            for (int d = 0; d < idx.length; d++) {
                src += idx[d] * inStrides[perm[d]];
            }
            out[i] = a[src];
            increment(idx, outDims);
        }
        return out;
    }

    private static void increment(int[] idx, int[] dims) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < dims[d]) {
                return;
            }
            idx[d] = 0;
        }
    }

    /** Convenience for tests: feeds keyed by node, built from pairs. */
    public static Map<Node, double[]> feeds(Object... nodeValuePairs) {
        Map<Node, double[]> m = new HashMap<>();
        for (int i = 0; i < nodeValuePairs.length; i += 2) {
            m.put((Node) nodeValuePairs[i], (double[]) nodeValuePairs[i + 1]);
        }
        return m;
    }
}
