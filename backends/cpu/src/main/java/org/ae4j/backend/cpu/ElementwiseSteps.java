package org.ae4j.backend.cpu;

import java.util.Arrays;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Shape;

/** Steps for unary ops, broadcasting binary ops, BROADCAST and copies, bound to their buffers. */
final class ElementwiseSteps {
    private ElementwiseSteps() {
    }

    /**
     * A loop over the outer dimensions of a coalesced nest, tracking one offset per operand; the innermost
     * dimension is left to the caller's row kernel.
     */
    static final class Cursor {
        final int rows;
        final int inner;
        final int[] off;
        private final int[] dims;
        private final int[][] strides;
        private final int[] idx;

        /** {@code nest} as returned by {@link Layout#coalesce}: dims, then each operand's strides. */
        Cursor(int[][] nest) {
            int rank = nest[0].length;
            this.inner = nest[0][rank - 1];
            this.dims = Arrays.copyOf(nest[0], rank - 1);
            this.strides = new int[nest.length - 1][];
            for (int t = 0; t < strides.length; t++) {
                strides[t] = Arrays.copyOf(nest[t + 1], rank - 1);
            }
            this.rows = Layout.product(dims, dims.length);
            this.off = new int[strides.length];
            this.idx = new int[dims.length];
        }

        void reset() {
            Arrays.fill(idx, 0);
            Arrays.fill(off, 0);
        }

        /** Advances to the next row. */
        void next() {
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++idx[d] < dims[d]) {
                    for (int t = 0; t < off.length; t++) {
                        off[t] += strides[t][d];
                    }
                    return;
                }
                idx[d] = 0;
                for (int t = 0; t < off.length; t++) {
                    off[t] -= strides[t][d] * (dims[d] - 1);
                }
            }
        }
    }

    /** out = op(a) for a unary op; out may be a's buffer. (Unary ops are normally run fused, see {@link Fusion}.) */
    static final class Unary extends Step {
        private final Op op;
        private final float[] a;
        private final float[] out;
        private final int n;

        Unary(Op op, float[] a, float[] out, int n) {
            this.op = op;
            this.a = a;
            this.out = out;
            this.n = n;
        }

        @Override
        void run() {
            Elementwise.unary(op, a, 0, out, 0, n);
        }
    }

    /** out = a op b with numpy broadcasting. */
    static final class Binary extends Step {
        private final Op op;
        private final float[] a;
        private final float[] b;
        private final float[] out;
        private final Cursor cursor;
        private final int as;
        private final int bs;

        Binary(Op op, float[] a, Shape aShape, float[] b, Shape bShape, float[] out, Shape outShape) {
            this.op = op;
            this.a = a;
            this.b = b;
            this.out = out;
            int[][] nest = Layout.coalesce(outShape.dims(), Layout.broadcastStrides(aShape, outShape),
                    Layout.broadcastStrides(bShape, outShape), outShape.strides());
            int last = nest[0].length - 1;
            this.as = nest[1][last];
            this.bs = nest[2][last];
            this.cursor = new Cursor(nest);
        }

        @Override
        void run() {
            Cursor c = cursor;
            if (c.rows == 1) {
                Elementwise.binary(op, a, 0, as, b, 0, bs, out, 0, c.inner);
                return;
            }
            c.reset();
            int[] off = c.off;
            for (int r = 0; r < c.rows; r++) {
                Elementwise.binary(op, a, off[0], as, b, off[1], bs, out, off[2], c.inner);
                c.next();
            }
        }
    }

    /** out = a broadcast from shape {@code from} to {@code to}. */
    static final class Broadcast extends Step {
        private final float[] a;
        private final float[] out;
        private final Cursor cursor;
        private final int as;

        Broadcast(float[] a, Shape from, float[] out, Shape to) {
            this.a = a;
            this.out = out;
            int[][] nest = Layout.coalesce(to.dims(), Layout.broadcastStrides(from, to), to.strides());
            this.as = nest[1][nest[0].length - 1];
            this.cursor = new Cursor(nest);
        }

        @Override
        void run() {
            Cursor c = cursor;
            c.reset();
            int[] off = c.off;
            int n = c.inner;
            for (int r = 0; r < c.rows; r++) {
                if (as == 1) {
                    System.arraycopy(a, off[0], out, off[1], n);
                } else {
                    Arrays.fill(out, off[1], off[1] + n, a[off[0]]);
                }
                c.next();
            }
        }
    }

    /** out[0 … n−1] = src[0 … n−1]. */
    static final class Copy extends Step {
        private final float[] src;
        private final float[] out;
        private final int n;

        Copy(float[] src, float[] out, int n) {
            this.src = src;
            this.out = out;
            this.n = n;
        }

        @Override
        void run() {
            System.arraycopy(src, 0, out, 0, n);
        }
    }
}
