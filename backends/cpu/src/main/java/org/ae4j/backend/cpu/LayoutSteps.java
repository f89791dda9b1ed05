package org.ae4j.backend.cpu;

import java.util.Arrays;
import org.ae4j.core.ir.Shape;

/** Steps for TRANSPOSE and REDUCE_SUM, bound to their buffers. */
final class LayoutSteps {
    private LayoutSteps() {
    }

    /** out = the axis permutation {@code perm} of a (output axis i is input axis perm[i]). */
    static final class Transpose extends Step {
        private final float[] a;
        private final float[] out;
        private final ElementwiseSteps.Cursor cursor;
        private final int innerStride;
        private final int rows2d;
        private final int cols2d;

        Transpose(float[] a, Shape in, int[] perm, float[] out, Shape outShape) {
            this.a = a;
            this.out = out;
            int[] inStrides = in.strides();
            int[] src = new int[perm.length];
            for (int d = 0; d < perm.length; d++) {
                src[d] = inStrides[perm[d]];
            }
            int[][] nest = Layout.coalesce(outShape.dims(), src, outShape.strides());
            int rank = nest[0].length;
            this.innerStride = nest[1][rank - 1];
            this.cursor = new ElementwiseSteps.Cursor(nest);
            // A plain 2-D transpose: out [R, C] from in [C, R].
            boolean plain = rank == 2 && nest[1][1] == nest[0][0] && nest[1][0] == 1;
            this.rows2d = plain ? nest[0][1] : 0;
            this.cols2d = plain ? nest[0][0] : 0;
        }

        @Override
        void run() {
            if (rows2d > 0) {
                Layout.transpose2d(a, 0, rows2d, cols2d, out, 0);
                return;
            }
            ElementwiseSteps.Cursor c = cursor;
            c.reset();
            int[] off = c.off;
            for (int r = 0; r < c.rows; r++) {
                if (innerStride == 1) {
                    System.arraycopy(a, off[0], out, off[1], c.inner);
                } else {
                    Layout.gather(a, off[0], innerStride, out, off[1], c.inner);
                }
                c.next();
            }
        }
    }

    /** out = a summed over some axes (keepDims does not change the layout). Sums are accumulated in double. */
    static final class ReduceSum extends Step implements WorkerPool.Task {
        /** Elements of work below which a reduction runs on the calling thread. */
        static final int PARALLEL_MIN = 1 << 15;
        /** Rows (ROW_SUMS) or columns (COLUMN_SUMS) per parallel chunk. */
        private static final int ROWS_PER_CHUNK = 16;
        private static final int COLUMNS_PER_CHUNK = 128;

        private final float[] a;
        private final float[] out;
        private final int outSize;
        private final Mode mode;
        private final ElementwiseSteps.Cursor cursor;
        private final boolean innerKept;
        private final double[] acc;
        private final WorkerPool pool;
        private final int chunks;
        private final boolean parallel;

        /**
         * ROW_SUMS: a [rows, inner] matrix summed along its rows; COLUMN_SUMS: along its columns (the bias gradient
         * of a dense layer). Both split across the pool by output elements, each summed in the same order as on
         * one thread, so the bits do not depend on the split.
         */
        private enum Mode { TOTAL, COPY, ROW_SUMS, COLUMN_SUMS, GENERAL }

        ReduceSum(float[] a, Shape in, int[] axes, float[] out, int outSize, WorkerPool pool) {
            this.a = a;
            this.out = out;
            this.outSize = outSize;
            this.pool = pool;
            int[] dims = in.dims();
            boolean[] reduced = new boolean[dims.length];
            for (int ax : axes) {
                reduced[ax] = true;
            }
            int[] outStrides = new int[dims.length];
            int acc1 = 1;
            for (int d = dims.length - 1; d >= 0; d--) {
                if (!reduced[d]) {
                    outStrides[d] = acc1;
                    acc1 *= dims[d];
                }
            }
            int[][] nest = Layout.coalesce(dims, in.strides(), outStrides);
            int rank = nest[0].length;
            this.innerKept = nest[2][rank - 1] != 0;
            this.cursor = new ElementwiseSteps.Cursor(nest);
            if (rank == 1) {
                this.mode = innerKept ? Mode.COPY : Mode.TOTAL;
            } else if (rank == 2 && !innerKept && nest[2][0] == 1) {
                this.mode = Mode.ROW_SUMS;
            } else if (rank == 2 && innerKept && nest[2][0] == 0 && nest[2][1] == 1 && nest[1][1] == 1
                    && nest[1][0] == nest[0][1]) {
                this.mode = Mode.COLUMN_SUMS;
            } else {
                this.mode = Mode.GENERAL;
            }
            this.acc = mode == Mode.GENERAL || mode == Mode.COLUMN_SUMS ? new double[outSize] : null;
            int total = cursor.rows * cursor.inner;
            int units = mode == Mode.ROW_SUMS ? (cursor.rows + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK
                    : mode == Mode.COLUMN_SUMS ? (cursor.inner + COLUMNS_PER_CHUNK - 1) / COLUMNS_PER_CHUNK : 1;
            this.chunks = units;
            this.parallel = pool.parallelism() > 1 && units > 1 && total >= PARALLEL_MIN;
        }

        private void runChunks() {
            if (parallel) {
                pool.parallelFor(this, chunks);
            } else {
                for (int i = 0; i < chunks; i++) {
                    runChunk(i, 0);
                }
            }
        }

        @Override
        public void runChunk(int chunk, int worker) {
            ElementwiseSteps.Cursor c = cursor;
            if (mode == Mode.ROW_SUMS) {
                int from = chunk * ROWS_PER_CHUNK;
                int to = Math.min(c.rows, from + ROWS_PER_CHUNK);
                Layout.rowSums(a, from * c.inner, to - from, c.inner, out, from);
            } else {
                int from = chunk * COLUMNS_PER_CHUNK;
                int to = Math.min(c.inner, from + COLUMNS_PER_CHUNK);
                Arrays.fill(acc, from, to, 0.0);
                Layout.accumulateRows(a, from, c.rows, c.inner, acc, from, to - from);
                for (int j = from; j < to; j++) {
                    out[j] = (float) acc[j];
                }
            }
        }

        @Override
        void run() {
            ElementwiseSteps.Cursor c = cursor;
            switch (mode) {
                case TOTAL -> out[0] = (float) Layout.sum(a, 0, c.inner);
                case COPY -> System.arraycopy(a, 0, out, 0, c.inner);
                case ROW_SUMS, COLUMN_SUMS -> runChunks();
                case GENERAL -> general(c);
            }
        }

        private void general(ElementwiseSteps.Cursor c) {
            Arrays.fill(acc, 0.0);
            c.reset();
            int[] off = c.off;
            for (int r = 0; r < c.rows; r++) {
                if (innerKept) {
                    Layout.accumulate(a, off[0], acc, off[1], c.inner);
                } else {
                    acc[off[1]] += Layout.sum(a, off[0], c.inner);
                }
                c.next();
            }
            for (int i = 0; i < outSize; i++) {
                out[i] = (float) acc[i];
            }
        }
    }
}
