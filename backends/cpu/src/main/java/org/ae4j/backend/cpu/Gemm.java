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
 * Within a tile, K is walked in blocks of {@link #KC}. Two kernels exist:
 * <ul>
 * <li>{@link VectorGemm}, a register-tiled micro-kernel on the incubating Vector API, used when the module
 *     {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *     {@code --add-modules jdk.incubator.vector}) and the hardware has vectors of at least 8 floats; decided once,
 *     when this class is initialised ({@link #VECTOR}). A block of B is packed into micro-panels of
 *     {@link VectorGemm#NR} columns, a block of A into micro-panels of {@link VectorGemm#MR} rows.</li>
 * <li>otherwise a pure-Java kernel that the JIT vectorizes: a block of B is packed into {@code KC} contiguous row
 *     arrays and a block of A into panels of {@link #MR} interleaved rows; the kernel keeps MR values of A in
 *     registers and streams one packed B row against MR accumulator rows.</li>
 * </ul>
 *
 * <p>Determinism: with either kernel every element of C is {@code c = fma(A(i,p), B(p,j), c)} applied for
 * p = 0, 1, …, k−1 in order starting from c = 0 (one rounding per step), whatever the kernel, the tiling, the
 * blocking or the thread that runs a tile. Threads split C by tiles only, never K, so results are bitwise identical
 * for any thread count, with or without the Vector API.
 */
final class Gemm {
    /** Whether the Vector API kernel is used ({@link Simd#ENABLED}). */
    static final boolean VECTOR = Simd.ENABLED;
    /** Rows of A held in registers by the scalar micro-kernel. */
    static final int MR = 4;
    /** Rows of a panel: the micro-kernel's rows (a multiple of MR). */
    static final int PANEL_ROWS = VECTOR ? VectorGemm.MR : MR;
    /** Maximum tile height (a multiple of PANEL_ROWS). */
    static final int MC = 64;
    /** Maximum tile width. */
    static final int NC = 256;
    /** Tile widths are multiples of this (the vector kernel's panel width). */
    static final int COLS_ALIGN = 32;
    /** K block of the pure-Java kernel: rows of packed B kept hot in cache. */
    static final int KC = 256;
    /**
     * Longest K block of the vector kernel (property {@code ae4j.cpu.vkc}). K is cut into equal blocks of at most
     * this many (k = 2,000 gives two of 1,000, not one of 1,024 and one of 976). Every block after the first must
     * reload its C block into registers; on one core, the C1 products ran at 91–100 GFLOP/s with blocks of 256 and
     * at 105–111 with the whole K (784) in one block, while B streams from L2 either way.
     */
    static final int VKC = Integer.getInteger("ae4j.cpu.vkc", 1024);
    /** Longest K block of either kernel: what a workspace's A panels are sized for. */
    static final int KC_MAX = Math.max(KC, VKC);

    private Gemm() {
    }

    /** A short description of the kernel in use, for logs. */
    static String kernelName() {
        return VECTOR ? "Vector API " + VectorGemm.MR + "x" + VectorGemm.NR + " FMA micro-kernel"
                : "scalar JIT-vectorized kernel (start the JVM with --add-modules jdk.incubator.vector for the faster one)";
    }

    /** Per-thread scratch space for {@link #tile}, sized for tiles of at most mc × nc over K blocks of kc. */
    static final class Workspace {
        final int mc;
        final int nc;
        final int kc;
        final float[][] acc;
        final float[][] bRows;
        final float[] aPanels;
        final float[] edge;
        /**
         * All of B packed once per product for the vector kernel, shared by the tiles (and threads) of that product;
         * only the first workspace of a set holds one, grown by {@link GemmTask} when a product is bound.
         */
        float[] packedB = new float[0];

        Workspace(int mc, int nc, int kc) {
            this.mc = mc;
            this.nc = nc;
            this.kc = kc;
            int rows = roundUp(mc, PANEL_ROWS);
            aPanels = new float[rows * kc];
            // The scalar kernel also serves small products when the vector one is enabled (see usesVector).
            acc = new float[rows][nc];
            bRows = new float[Math.min(KC, kc)][nc];
            edge = VECTOR ? new float[VectorGemm.MR * VectorGemm.NR] : null;
        }

        /** A workspace big enough for any product of these dimensions. */
        static Workspace forProduct(int m, int n, int k) {
            Tiling t = new Tiling(m, n, k);
            return new Workspace(t.tileRows, t.tileCols, Math.min(KC_MAX, k));
        }

        boolean fits(int m, int n, int k) {
            Tiling t = new Tiling(m, n, k);
            return mc >= t.tileRows && nc >= t.tileCols && kc >= Math.min(KC_MAX, k);
        }
    }

    /**
     * Most floats of B one tile's columns may span over all of K: a tile streams its columns of B once per
     * register block of rows, so they should stay in the core's L2 (1 MB here) beside A. For x·W1 in C1
     * (k = 784) this makes tiles 128 columns wide instead of 256; in a training step, where W1 arrives out of
     * cache, that product went from 0.289 to 0.254–0.265 ms.
     */
    static final int B_TILE_FLOATS = 128 * 1024;

    /** How a product of the given size is cut into tiles; tile counts and sizes depend only on m, n and k. */
    static final class Tiling {
        final int m;
        final int n;
        final int tileRows;
        final int tileCols;
        final int rowTiles;
        final int colTiles;

        Tiling(int m, int n, int k) {
            this.m = m;
            this.n = n;
            int rt = (m + MC - 1) / MC;
            this.tileRows = Math.min(MC, roundUp((m + rt - 1) / rt, PANEL_ROWS));
            this.rowTiles = (m + tileRows - 1) / tileRows;
            int maxCols = Math.max(COLS_ALIGN, Math.min(NC, B_TILE_FLOATS / Math.max(1, k) / COLS_ALIGN * COLS_ALIGN));
            int ct = (n + maxCols - 1) / maxCols;
            int width = Math.min(maxCols, roundUp((n + ct - 1) / ct, COLS_ALIGN));
            this.tileCols = width;
            this.colTiles = (n + width - 1) / width;
        }

        int count() {
            return rowTiles * colTiles;
        }
    }

    /**
     * Products with fewer multiply-adds than this use the scalar kernel even when the vector one is enabled: they
     * gain little from it, and until the JIT has compiled the Vector API code (the first few hundred runs) each
     * vector operation allocates a box.
     */
    static final long VECTOR_MIN_MACS = 1L << 15;

    /** Whether a product of this size runs the Vector API kernel. */
    static boolean usesVector(int m, int n, int k) {
        return VECTOR && (long) m * n * k >= VECTOR_MIN_MACS;
    }

    /**
     * Computes tile number {@code index} of {@code tiling} (row-tile major) of C = op(A)·op(B) with the pure-Java
     * kernel; the vector kernel's tiles are {@link #tilePrepacked}.
     */
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
        // Scalar panels of MR rows fit in a workspace made for PANEL_ROWS (a multiple of MR).
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(acc[r], 0, nc, 0f);
        }
        int kcMax = Math.min(KC, ws.kc);
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            GemmPacking.packB(transB, n, k, b, bo, p0, kc, j0, nc, ws.bRows);
            GemmPacking.packA(transA, m, k, a, ao, i0, mc, rows, MR, p0, kc, ws.aPanels);
            for (int r = 0; r < rows; r += MR) {
                kernel(kc, nc, ws.aPanels, r * kc, ws.bRows, acc[r], acc[r + 1], acc[r + 2], acc[r + 3]);
            }
        }
        for (int r = 0; r < mc; r++) {
            System.arraycopy(acc[r], 0, c, co + (i0 + r) * n + j0, nc);
        }
    }

    /** Floats needed to hold all of B packed for {@link #packBBlock}: every column tile's panels over all of K. */
    static int packedBSize(Tiling t, int k) {
        return t.colTiles * roundUp(t.tileCols, VectorGemm.NR) * k;
    }

    /** Number of K blocks of the vector kernel in a product with inner dimension k. */
    static int kBlocks(int k) {
        return (k + VKC - 1) / VKC;
    }

    /** Length of the vector kernel's K blocks (the last may be shorter): k cut into {@link #kBlocks} equal parts. */
    static int kBlock(int k) {
        int blocks = kBlocks(k);
        return (k + blocks - 1) / blocks;
    }

    /** Where column tile jt, K block from p0, starts in the packed B (its panels are roundUp(nc, NR) wide). */
    private static int packedBOffset(Tiling t, int k, int jt, int p0) {
        int nc = Math.min(t.tileCols, t.n - jt * t.tileCols);
        return jt * roundUp(t.tileCols, VectorGemm.NR) * k + p0 * roundUp(nc, VectorGemm.NR);
    }

    /** Number of blocks {@link #packBBlock} packs all of B in: one per micro-panel of each column tile and K block. */
    static int packBlocks(Tiling t, int k) {
        return t.colTiles * panelsPerTile(t) * kBlocks(k);
    }

    private static int panelsPerTile(Tiling t) {
        return roundUp(t.tileCols, VectorGemm.NR) / VectorGemm.NR;
    }

    /**
     * Packs block {@code block} of all of B for the vector kernel into {@code bp}: one micro-panel of
     * {@link VectorGemm#NR} columns over one K block, numbered {@code (column tile · panelsPerTile + panel) ·
     * kBlocks(k) + K block}. Blocks are independent, so threads may pack them in parallel; the last column tile may
     * have fewer panels, and its surplus block numbers pack nothing.
     */
    static void packBBlock(boolean transB, int n, int k, float[] b, int bo, Tiling t, int block, float[] bp) {
        final int nr = VectorGemm.NR;
        int kb = kBlocks(k);
        int panel = block / kb;
        int jt = panel / panelsPerTile(t);
        int jr = (panel % panelsPerTile(t)) * nr;
        int p0 = (block % kb) * kBlock(k);
        int j0 = jt * t.tileCols;
        int nc = Math.min(t.tileCols, n - j0);
        if (jr >= nc || readsBInPlace(transB) && jr + nr <= nc) {
            return;
        }
        int kc = Math.min(kBlock(k), k - p0);
        GemmPacking.packBPanels(transB, n, k, b, bo, p0, kc, j0 + jr, Math.min(nr, nc - jr), nr, bp,
                packedBOffset(t, k, jt, p0) + jr * kc);
    }

    /**
     * Computes tile {@code index} of C with the vector kernel from B already packed by {@link #packBBlock} for every
     * block, then adds {@code bias[j]} to column j when {@code bias} is not null (to each register block right
     * after the last K block stored it). When the tile's rows fill whole register blocks, the kernel reads A where it is (row-major A: eight
     * rows side by side; Aᵀ: eight adjacent values per p); otherwise A is packed into the workspace with zero rows.
     * Same arithmetic, in the same order, as {@link #tile}.
     */
    static void tilePrepacked(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, float[] b,
                              int bo, float[] bp, float[] c, int co, Tiling tiling, int index, Workspace ws,
                              float[] bias) {
        int jt = index % tiling.colTiles;
        int i0 = (index / tiling.colTiles) * tiling.tileRows;
        int j0 = jt * tiling.tileCols;
        int mc = Math.min(tiling.tileRows, m - i0);
        int nc = Math.min(tiling.tileCols, n - j0);
        if (mc <= 0 || nc <= 0) {
            return;
        }
        final int mr = VectorGemm.MR;
        final int nr = VectorGemm.NR;
        int rows = roundUp(mc, mr);
        int cols = roundUp(nc, nr);
        boolean direct = rows == mc && DIRECT_A;
        int kb = kBlock(k);
        for (int p0 = 0; p0 < k; p0 += kb) {
            int kc = Math.min(kb, k - p0);
            boolean load = p0 > 0;
            float[] add = p0 + kc == k ? bias : null;
            int bBase = packedBOffset(tiling, k, jt, p0);
            int cBase = co + i0 * n + j0;
            // Full panels of a row-major B are read in place, row p of the panel at b[bRow + p·n].
            float[] bIn = readsBInPlace(transB) ? b : null;
            int bRow = bo + p0 * n + j0;
            if (!direct) {
                GemmPacking.packA(transA, m, k, a, ao, i0, mc, rows, mr, p0, kc, ws.aPanels);
                microTiles(ws.aPanels, 0, mr * kc, mr, 1, bp, bBase, bIn, bRow, c, cBase, n, mc, nc, rows, cols, kc, load,
                        ws.edge, add, j0);
            } else if (transA) {
                // A(i, p) = a[ao + p·m + i]
                microTiles(a, ao + p0 * m + i0, mr, m, 1, bp, bBase, bIn, bRow, c, cBase, n, mc, nc, rows, cols, kc, load,
                        ws.edge, add, j0);
            } else {
                // A(i, p) = a[ao + i·k + p]
                microTiles(a, ao + i0 * k + p0, mr * k, 1, k, bp, bBase, bIn, bRow, c, cBase, n, mc, nc, rows, cols, kc, load,
                        ws.edge, add, j0);
            }
        }
    }

    /** Whether the vector kernel reads A in place when it can (property {@code ae4j.cpu.packA} forces packing). */
    static final boolean DIRECT_A = !Boolean.getBoolean("ae4j.cpu.packA");
    /**
     * Whether the vector kernel reads full panels of a row-major B in place (property {@code ae4j.cpu.packB} forces
     * packing). The kernel runs 3–5 % slower on B rows n floats apart than on a packed panel, but packing costs
     * more: about 8 % of a C1 product's time, B being out of cache when it comes from the last step's update.
     */
    static final boolean DIRECT_B = !Boolean.getBoolean("ae4j.cpu.packB");

    /** Whether the full panels of B are read in place rather than packed (partial panels are always packed). */
    static boolean readsBInPlace(boolean transB) {
        return !transB && DIRECT_B;
    }

    /**
     * Runs the micro-kernel over a rows × cols block (mc × nc of it real) of C at {@code c[cBase + r·n + j]}; A(r, p)
     * of register block b is {@code a[aBase + b·panelStep + p·aps + r·ars]}, packed B panels are at
     * {@code bp[bBase …]}; with {@code bIn} non-null, full panels are read from it instead, B(p, j) at
     * {@code bIn[bRow + p·n + j]}. Partial edge blocks go through {@code edge}. With {@code bias} not null,
     * {@code bias[bias0 + j]} is added to column j of the block.
     */
    private static void microTiles(float[] a, int aBase, int panelStep, int aps, int ars, float[] bp, int bBase,
                                   float[] bIn, int bRow, float[] c, int cBase, int n, int mc, int nc, int rows,
                                   int cols, int kc, boolean load, float[] edge, float[] bias, int bias0) {
        final int mr = VectorGemm.MR;
        final int nr = VectorGemm.NR;
        for (int ir = 0; ir < rows; ir += mr) {
            int aOff = aBase + (ir / mr) * panelStep;
            int cRow = cBase + ir * n;
            for (int jr = 0; jr < cols; jr += nr) {
                // Full panels of an in-place B are read where they are; the others come packed.
                boolean inPlace = bIn != null && jr + nr <= nc;
                float[] bArr = inPlace ? bIn : bp;
                int bOff = inPlace ? bRow + jr : bBase + jr * kc;
                int bStride = inPlace ? n : nr;
                if (ir + mr <= mc && jr + nr <= nc) {
                    VectorGemm.kernel(kc, a, aOff, aps, ars, bArr, bOff, bStride, c, cRow + jr, n, load);
                    if (bias != null) {
                        VectorGemm.addBias(c, cRow + jr, n, bias, bias0 + jr);
                    }
                    continue;
                }
                int h = Math.min(mr, mc - ir);
                int w = Math.min(nr, nc - jr);
                if (load) {
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(c, cRow + r * n + jr, edge, r * nr, w);
                    }
                }
                VectorGemm.kernel(kc, a, aOff, aps, ars, bArr, bOff, bStride, edge, 0, nr, load);
                for (int r = 0; r < h; r++) {
                    System.arraycopy(edge, r * nr, c, cRow + r * n + jr, w);
                    if (bias != null) {
                        // Not with VectorGemm.addBias: the bias may end before a full panel's width.
                        for (int j = 0; j < w; j++) {
                            c[cRow + r * n + jr + j] += bias[bias0 + jr + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * The scalar micro-kernel: acc_r[j] = fma(A(r,p), B(p,j), acc_r[j]) for r &lt; MR, j &lt; nc, p = 0 … kc−1 in
     * order. {@code ap} holds MR interleaved rows of A ({@code ap[ao + p·MR + r]}); {@code bRows[p]} is row p of the
     * packed B block.
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
                acc0[j] = Math.fma(a0, bv, acc0[j]);
                acc1[j] = Math.fma(a1, bv, acc1[j]);
                acc2[j] = Math.fma(a2, bv, acc2[j]);
                acc3[j] = Math.fma(a3, bv, acc3[j]);
            }
        }
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
