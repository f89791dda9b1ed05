package org.ae4j.backend.cpu;

/**
 * One matrix product bound to its arrays, run over a {@link WorkerPool}: each chunk is one tile of C, computed in
 * the scratch space of the thread that claims it. With the vector kernel, B is first packed once for all tiles
 * (also split into chunks), into a buffer shared by the session's products. Products below {@link #PARALLEL_MIN_MACS} multiply-adds run on
 * the calling thread, where the thread hand-off would cost more than it saves.
 */
final class GemmTask extends Step implements WorkerPool.Task {
    /** Products with fewer multiply-adds than this run single-threaded. */
    static final long PARALLEL_MIN_MACS = 1L << 19;

    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float[] a;
    private final int ao;
    private final float[] b;
    private final int bo;
    private final float[] c;
    private final int co;
    private final Gemm.Tiling tiling;
    private final Gemm.Workspace[] workspaces;
    private final WorkerPool pool;
    private final boolean parallel;
    private final boolean vector;
    private final int packBlocks;
    private final float[] bias;
    /** While running with the vector kernel: true in the phase that packs B, false in the one that computes C. */
    private boolean packing;
    private float[] packedB;

    /**
     * C[m,n] = op(A)·op(B), see {@link Gemm} for the layouts. {@code workspaces} has one entry per pool thread, each
     * big enough for this product.
     */
    GemmTask(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, float[] b, int bo,
             float[] c, int co, Gemm.Workspace[] workspaces, WorkerPool pool) {
        this(transA, transB, m, n, k, a, ao, b, bo, c, co, workspaces, pool, null);
    }

    /**
     * As above, then C[i,j] += bias[j] (one float addition per element, as a separate ADD step would do it), on
     * each tile right after it is computed, while it is in cache; {@code bias} null for none.
     */
    GemmTask(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, float[] b, int bo,
             float[] c, int co, Gemm.Workspace[] workspaces, WorkerPool pool, float[] bias) {
        this.bias = bias;
        if (bias != null && bias.length < n) {
            throw new IllegalArgumentException("bias: expected at least " + n + " values, got " + bias.length);
        }
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.ao = ao;
        this.b = b;
        this.bo = bo;
        this.c = c;
        this.co = co;
        this.tiling = new Gemm.Tiling(m, n, k);
        this.workspaces = workspaces;
        this.pool = pool;
        this.vector = Gemm.usesVector(m, n, k);
        this.parallel = pool.parallelism() > 1 && tiling.count() > 1 && (long) m * n * k >= PARALLEL_MIN_MACS;
        if (workspaces.length < pool.parallelism()) {
            throw new IllegalArgumentException("workspaces: expected " + pool.parallelism() + ", got "
                    + workspaces.length);
        }
        this.packBlocks = vector ? Gemm.packBlocks(tiling, k) : 0;
        if (vector && workspaces.length > 0 && workspaces[0].packedB.length < Gemm.packedBSize(tiling, k)) {
            // One packed B per set of workspaces, sized for its largest product: products run one at a time.
            workspaces[0].packedB = new float[Gemm.packedBSize(tiling, k)];
        }
        for (Gemm.Workspace w : workspaces) {
            if (!w.fits(m, n, k)) {
                throw new IllegalArgumentException("workspace too small for a " + m + "x" + k + " · " + k + "x" + n
                        + " product");
            }
        }
    }

    /** Computes the product. */
    @Override
    void run() {
        if (vector) {
            runPrepacked();
            return;
        }
        if (parallel) {
            pool.parallelFor(this, tiling.count());
        } else {
            int tiles = tiling.count();
            Gemm.Workspace ws = workspaces[0];
            for (int t = 0; t < tiles; t++) {
                Gemm.tile(transA, transB, m, n, k, a, ao, b, bo, c, co, tiling, t, ws);
                addBias(t);
            }
        }
    }

    /**
     * The vector kernel's way: first all of B is packed once (in parallel blocks), then the tiles of C are computed
     * from it, so B is not packed again for every row tile.
     */
    private void runPrepacked() {
        packedB = workspaces[0].packedB;
        if (parallel && !Gemm.readsBInPlace(transB)) {
            packing = true;
            pool.parallelFor(this, packBlocks);
            packing = false;
        } else {
            // Serial, or reading B in place: then only partial panels are packed, a few at most.
            for (int blk = 0; blk < packBlocks; blk++) {
                Gemm.packBBlock(transB, n, k, b, bo, tiling, blk, packedB);
            }
        }
        if (parallel) {
            pool.parallelFor(this, tiling.count());
        } else {
            for (int t = 0; t < tiling.count(); t++) {
                Gemm.tilePrepacked(transA, transB, m, n, k, a, ao, b, bo, packedB, c, co, tiling, t, workspaces[0],
                        bias);
            }
        }
    }

    @Override
    public void runChunk(int chunk, int worker) {
        if (vector) {
            if (packing) {
                Gemm.packBBlock(transB, n, k, b, bo, tiling, chunk, packedB);
            } else {
                Gemm.tilePrepacked(transA, transB, m, n, k, a, ao, b, bo, packedB, c, co, tiling, chunk,
                        workspaces[worker], bias);
            }
            return;
        }
        Gemm.tile(transA, transB, m, n, k, a, ao, b, bo, c, co, tiling, chunk, workspaces[worker]);
        addBias(chunk);
    }

    /**
     * C[i,j] += bias[j] over tile t, when there is a bias: the pure-Java kernel's way (the vector kernel adds it to
     * each register block right after storing it).
     */
    private void addBias(int t) {
        if (bias == null) {
            return;
        }
        int i0 = (t / tiling.colTiles) * tiling.tileRows;
        int j0 = (t % tiling.colTiles) * tiling.tileCols;
        int rows = Math.min(tiling.tileRows, m - i0);
        int cols = Math.min(tiling.tileCols, n - j0);
        for (int r = 0; r < rows; r++) {
            int row = co + (i0 + r) * n + j0;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[j0 + j];
            }
        }
    }
}
