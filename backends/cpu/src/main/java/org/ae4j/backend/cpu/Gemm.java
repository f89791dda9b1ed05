package org.ae4j.backend.cpu;

import java.util.Arrays;

/**
 * Single-precision matrix product {@code C = op(A) · op(B)}, packed and blocked.
 *
 * <p>Shapes: C is [m, n] row-major at {@code c[co …]}. A is [m, k] row-major, or [k, m] when {@code transA}. B is
 * [k, n] row-major, or [n, k] when {@code transB}. All four transpose combinations are resolved while packing, so
 * one inner kernel serves them all.
 *
 * <p>C is cut into independent tiles of at most {@link #MC} rows by {@link #NC} columns; {@link #tile} computes one.
 * Within a tile, K is walked in blocks of {@link #KC}: a block of B is packed into {@code KC} contiguous row arrays
 * and a block of A into panels of {@link #MR} interleaved rows. The micro-kernel keeps MR values of A in registers
 * and streams one packed B row against MR accumulator rows (a MR × nc micro-panel); its inner loop runs at unit
 * stride from offset 0 over separate arrays, which the JIT turns into SIMD code.
 *
 * <p>Determinism: every element of C is the plain float sum over p = 0, 1, …, k−1 of {@code A(i,p)·B(p,j)}, added
 * in that order (products rounded, no fused multiply-add), whatever the tiling, the blocking or the thread that
 * runs a tile. Threads split C by tiles only, never K, so results are bitwise identical for any thread count.
 */
final class Gemm {
    /** Rows of A held in registers by the micro-kernel. */
    static final int MR = 4;
    /** Maximum tile height (a multiple of MR). */
    static final int MC = 64;
    /** Maximum tile width. */
    static final int NC = 256;
    /** K block: rows of packed B kept hot in cache. */
    static final int KC = 256;

    private Gemm() {
    }

    /** Per-thread scratch space for {@link #tile}, sized for tiles of at most mc × nc over K blocks of kc. */
    static final class Workspace {
        final float[][] acc;
        final float[][] bRows;
        final float[] aPanels;

        Workspace(int mc, int nc, int kc) {
            int rows = roundUp(mc, MR);
            acc = new float[rows][nc];
            bRows = new float[kc][nc];
            aPanels = new float[rows * kc];
        }

        /** A workspace big enough for any product of these dimensions. */
        static Workspace forProduct(int m, int n, int k) {
            return new Workspace(Math.min(MC, roundUp(m, MR)), Math.min(NC, n), Math.min(KC, k));
        }

        boolean fits(int m, int n, int k) {
            return acc.length >= Math.min(MC, roundUp(m, MR)) && acc[0].length >= Math.min(NC, n)
                    && bRows.length >= Math.min(KC, k);
        }
    }

    /** How a product of the given size is cut into tiles; tile counts and sizes depend only on m and n. */
    static final class Tiling {
        final int m;
        final int n;
        final int tileRows;
        final int tileCols;
        final int rowTiles;
        final int colTiles;

        Tiling(int m, int n) {
            this.m = m;
            this.n = n;
            this.rowTiles = (m + MC - 1) / MC;
            this.tileRows = roundUp((m + rowTiles - 1) / rowTiles, MR);
            int ct = (n + NC - 1) / NC;
            int width = Math.min(NC, roundUp((n + ct - 1) / ct, 16));
            this.tileCols = width;
            this.colTiles = (n + width - 1) / width;
        }

        int count() {
            return rowTiles * colTiles;
        }
    }

    /** C = op(A)·op(B) on the calling thread. */
    static void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, float[] b, int bo,
                         float[] c, int co, Workspace ws) {
        Tiling t = new Tiling(m, n);
        for (int i = 0; i < t.count(); i++) {
            tile(transA, transB, m, n, k, a, ao, b, bo, c, co, t, i, ws);
        }
    }

    /** Computes tile number {@code index} of {@code tiling} (row-tile major) of C = op(A)·op(B). */
    static void tile(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, float[] b, int bo,
                     float[] c, int co, Tiling tiling, int index, Workspace ws) {
        int i0 = (index / tiling.colTiles) * tiling.tileRows;
        int j0 = (index % tiling.colTiles) * tiling.tileCols;
        int mc = Math.min(tiling.tileRows, m - i0);
        int nc = Math.min(tiling.tileCols, n - j0);
        if (mc <= 0 || nc <= 0) {
            return;
        }
        int rows = roundUp(mc, MR);
        float[][] acc = ws.acc;
        for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], 0, nc, 0f);
        }
        int kcMax = ws.bRows.length;
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            packB(transB, n, k, b, bo, p0, kc, j0, nc, ws.bRows);
            packA(transA, m, k, a, ao, i0, mc, rows, p0, kc, ws.aPanels);
            for (int r = 0; r < rows; r += MR) {
                kernel(kc, nc, ws.aPanels, r * kc, ws.bRows, acc[r], acc[r + 1], acc[r + 2], acc[r + 3]);
            }
        }
        for (int r = 0; r < mc; r++) {
            System.arraycopy(acc[r], 0, c, co + (i0 + r) * n + j0, nc);
        }
    }

    /**
     * The micro-kernel: acc_r[j] += A(r,p)·B(p,j) for r &lt; MR, j &lt; nc, p = 0 … kc−1 in order. {@code ap} holds
     * MR interleaved rows of A ({@code ap[ao + p·MR + r]}); {@code bRows[p]} is row p of the packed B block.
     */
    static void kernel(int kc, int nc, float[] ap, int ao, float[][] bRows,
                       float[] acc0, float[] acc1, float[] acc2, float[] acc3) {
        for (int p = 0; p < kc; p++) {
            int x = ao + p * MR;
            float a0 = ap[x];
            float a1 = ap[x + 1];
            float a2 = ap[x + 2];
            float a3 = ap[x + 3];
            float[] br = bRows[p];
            for (int j = 0; j < nc; j++) {
                float bv = br[j];
                acc0[j] += a0 * bv;
                acc1[j] += a1 * bv;
                acc2[j] += a2 * bv;
                acc3[j] += a3 * bv;
            }
        }
    }

    /** Packs B(p0 … p0+kc−1, j0 … j0+nc−1) into bRows[0 … kc−1][0 … nc−1]. */
    static void packB(boolean transB, int n, int k, float[] b, int bo, int p0, int kc, int j0, int nc,
                      float[][] bRows) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bo + (p0 + p) * n + j0, bRows[p], 0, nc);
            }
        } else {
            for (int j = 0; j < nc; j++) {
                int src = bo + (j0 + j) * k + p0;
                for (int p = 0; p < kc; p++) {
                    bRows[p][j] = b[src + p];
                }
            }
        }
    }

    /**
     * Packs A(i0 … i0+mc−1, p0 … p0+kc−1) as panels of MR rows: row i0+r, column p0+p goes to
     * {@code ap[(r / MR)·MR·kc + p·MR + r % MR]}; rows mc … rows−1 are zero padding.
     */
    static void packA(boolean transA, int m, int k, float[] a, int ao, int i0, int mc, int rows, int p0, int kc,
                      float[] ap) {
        for (int r0 = 0; r0 < rows; r0 += MR) {
            int base = r0 * kc;
            for (int rr = 0; rr < MR; rr++) {
                int r = r0 + rr;
                if (r >= mc) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + rr] = 0f;
                    }
                } else if (!transA) {
                    int src = ao + (i0 + r) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + rr] = a[src + p];
                    }
                } else {
                    int src = ao + p0 * m + i0 + r;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + rr] = a[src + p * m];
                    }
                }
            }
        }
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
