package org.ae4j.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.ir.Shape;

/**
 * Layout kernels over row-major float32 tensors (transpose, sums, gathers), and the compile-time helpers that reduce
 * a strided loop nest to as few dimensions as possible.
 */
final class Layout {
    private static final int BLOCK = 32;

    private Layout() {
    }

    /** out[oo + j·rows + i] = in[io + i·cols + j]: transposes a [rows, cols] matrix into [cols, rows]. */
    static void transpose2d(float[] in, int io, int rows, int cols, float[] out, int oo) {
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int i1 = Math.min(rows, i0 + BLOCK);
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int j1 = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < i1; i++) {
                    int src = io + i * cols;
                    for (int j = j0; j < j1; j++) {
                        out[oo + j * rows + i] = in[src + j];
                    }
                }
            }
        }
    }

    /** out[oo + i] = in[io + i·stride] for i &lt; n. */
    static void gather(float[] in, int io, int stride, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = in[io + i * stride];
        }
    }

    /** out[oo + r] = Σ_c in[io + r·cols + c] over a [rows, cols] matrix, summed in double. */
    static void rowSums(float[] in, int io, int rows, int cols, float[] out, int oo) {
        for (int r = 0; r < rows; r++) {
            out[oo + r] = (float) sum(in, io + r * cols, cols);
        }
    }

    /** Length of the runs {@link #sum} cuts long sums into (eight fused blocks: see {@link FusedStep}). */
    static final int SUM_RUN = 8192;

    /**
     * Σ in[io … io+n−1] in double, in a fixed order: the elements are cut into runs of {@link #SUM_RUN}, each run
     * is summed by {@link #chains}, and the runs' sums are added left to right. The order depends only on n, never
     * on threads, so runs may be summed in parallel (a fused sum does: {@link FusedStep}).
     */
    static double sum(float[] in, int io, int n) {
        if (n <= SUM_RUN) {
            return chains(in, io, n);
        }
        double s = chains(in, io, SUM_RUN);
        for (int r = SUM_RUN; r < n; r += SUM_RUN) {
            s += chains(in, io + r, Math.min(SUM_RUN, n - r));
        }
        return s;
    }

    /**
     * Σ in[io … io+n−1] in double: eight running sums over the elements at i ≡ 0 … 7 (mod 8), combined pairwise,
     * then the tail left to right. Eight independent chains keep both adders busy (a single chain is bound by the
     * add latency: 0.8 ns per element).
     */
    static double chains(float[] in, int io, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int j = io + i;
            s0 += in[j];
            s1 += in[j + 1];
            s2 += in[j + 2];
            s3 += in[j + 3];
            s4 += in[j + 4];
            s5 += in[j + 5];
            s6 += in[j + 6];
            s7 += in[j + 7];
        }
        double s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < n; i++) {
            s += in[io + i];
        }
        return s;
    }

    /** acc[ao + j] += in[io + j] for j &lt; n (column sums are built from this, in double). */
    static void accumulate(float[] in, int io, double[] acc, int ao, int n) {
        for (int j = 0; j < n; j++) {
            acc[ao + j] += in[io + j];
        }
    }

    /** acc[ao + j] += in[io + r·ld + j] for r &lt; rows in order, j &lt; n: {@link #accumulate} row after row. */
    static void accumulateRows(float[] in, int io, int rows, int ld, double[] acc, int ao, int n) {
        for (int r = 0; r < rows; r++) {
            accumulate(in, io + r * ld, acc, ao, n);
        }
    }

    /** Row-major strides of {@code from} seen as a tensor of shape {@code to} (numpy broadcasting): 0 where repeated. */
    static int[] broadcastStrides(Shape from, Shape to) {
        int rank = to.rank();
        int lead = rank - from.rank();
        int[] fromStrides = from.strides();
        int[] out = new int[rank];
        for (int d = lead; d < rank; d++) {
            out[d] = from.dim(d - lead) == 1 ? 0 : fromStrides[d - lead];
        }
        return out;
    }

    /**
     * Simplifies a loop nest over {@code dims} in which operand t advances by {@code strides[t][d]} along dimension d:
     * drops size-1 dimensions and merges neighbours that every operand walks contiguously. Returns the new dims
     * followed by each operand's new strides; a nest with no dimension left becomes one dimension of size 1.
     */
    static int[][] coalesce(int[] dims, int[]... strides) {
        List<Integer> keep = new ArrayList<>();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] != 1) {
                keep.add(d);
            }
        }
        int ops = strides.length;
        List<int[]> merged = new ArrayList<>(); // each: {dim, stride_0, …}
        for (int d : keep) {
            int[] cur = new int[ops + 1];
            cur[0] = dims[d];
            for (int t = 0; t < ops; t++) {
                cur[t + 1] = strides[t][d];
            }
            if (!merged.isEmpty()) {
                int[] prev = merged.get(merged.size() - 1);
                boolean contiguous = true;
                for (int t = 0; t < ops; t++) {
                    contiguous &= prev[t + 1] == cur[t + 1] * cur[0];
                }
                if (contiguous) {
                    prev[0] *= cur[0];
                    for (int t = 0; t < ops; t++) {
                        prev[t + 1] = cur[t + 1];
                    }
                    continue;
                }
            }
            merged.add(cur);
        }
        if (merged.isEmpty()) {
            merged.add(new int[ops + 1]);
            merged.get(0)[0] = 1;
        }
        int[][] out = new int[ops + 1][merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            for (int t = 0; t <= ops; t++) {
                out[t][i] = merged.get(i)[t];
            }
        }
        return out;
    }

    /** Product of dims[0 … to−1]. */
    static int product(int[] dims, int to) {
        int p = 1;
        for (int d = 0; d < to; d++) {
            p *= dims[d];
        }
        return p;
    }
}
