package org.ae4j.backend.cpu;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;

/**
 * Runs a {@link Fusion.Group} in blocks of {@link #BLOCK} elements: for each block, every member in order reads
 * its operands (an external buffer at the block's offset, an external scalar, or a scratch register) and writes a
 * register, or for the root the output buffer. Intermediates stay in L1 and never get a buffer. Each block is
 * independent, so a large group is split across the pool; results do not depend on the split.
 */
final class FusedStep extends Step implements WorkerPool.Task {
    /** Elements per block (scratch registers are this long). */
    static final int BLOCK = 1024;
    /** Work (elements × op cost) below which a group runs on the calling thread. */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    private static final int BLOCKS_PER_CHUNK = 8;
    private static final int FULL = 0;
    private static final int SCALAR = 1;
    private static final int REGISTER = 2;

    private final int n;
    private final Op[] ops;
    private final boolean[] unary;
    private final int[] aMode;
    private final int[] bMode;
    private final float[][] aBuf;
    private final float[][] bBuf;
    private final int[] aReg;
    private final int[] bReg;
    private final int[] dst;
    private final float[] out;
    private final float[][][] scratch;
    private final WorkerPool pool;
    private final int blocks;
    private final int chunks;
    private final boolean parallel;
    /** With a fused full sum: where the sum goes, each thread's run of root values, and each chunk's sum. */
    private final float[] sumOut;
    private final float[][] runs;
    private final double[] partial;

    /**
     * scratch: [worker][register][BLOCK], at least the group's register count per worker. With {@code sumOut}
     * non-null the step stores only the sum of the root's values there (in {@link Layout#sum}'s order: a chunk of
     * blocks is one of its runs), and the root needs no buffer.
     */
    FusedStep(Fusion.Group group, Fusion fusion, Function<Node, float[]> buffer, float[][][] scratch,
              WorkerPool pool, float[] sumOut) {
        List<Node> members = group.members();
        Map<Node, Integer> regs = group.registers();
        int k = members.size();
        this.n = group.root().shape().size();
        this.ops = new Op[k];
        this.unary = new boolean[k];
        this.aMode = new int[k];
        this.bMode = new int[k];
        this.aBuf = new float[k][];
        this.bBuf = new float[k][];
        this.aReg = new int[k];
        this.bReg = new int[k];
        this.dst = new int[k];
        long cost = 0;
        for (int i = 0; i < k; i++) {
            Node m = members.get(i);
            ops[i] = m.op();
            unary[i] = m.inputs().size() == 1;
            bind(m.input(0), fusion, regs, buffer, i, aMode, aBuf, aReg);
            if (!unary[i]) {
                bind(m.input(1), fusion, regs, buffer, i, bMode, bBuf, bReg);
            }
            dst[i] = m == group.root() ? -1 : regs.get(m);
            cost += cost(m.op());
        }
        this.sumOut = sumOut;
        if (sumOut != null) {
            // The root's values go, a run at a time, into per-thread scratch, and only their sum is stored.
            this.runs = new float[scratch.length][Layout.SUM_RUN];
            this.out = null;
        } else {
            this.runs = null;
            this.out = buffer.apply(group.root());
        }
        this.scratch = scratch;
        this.pool = pool;
        this.blocks = (n + BLOCK - 1) / BLOCK;
        this.chunks = (blocks + BLOCKS_PER_CHUNK - 1) / BLOCKS_PER_CHUNK;
        this.partial = sumOut != null ? new double[chunks] : null;
        this.parallel = pool.parallelism() > 1 && chunks > 1 && n * cost >= PARALLEL_MIN_WORK;
    }

    private void bind(Node operand, Fusion fusion, Map<Node, Integer> regs, Function<Node, float[]> buffer, int i,
                      int[] mode, float[][] buf, int[] reg) {
        Integer r = regs.get(operand);
        Node scalar = fusion.scalarSource(operand);
        if (r != null) {
            mode[i] = REGISTER;
            reg[i] = r;
        } else if (scalar != null) {
            mode[i] = SCALAR;
            buf[i] = buffer.apply(scalar);
        } else {
            mode[i] = operand.shape().size() == n ? FULL : SCALAR;
            buf[i] = buffer.apply(operand);
        }
    }

    /** Relative cost of one element of an op: transcendental functions cost about ten simple ones. */
    private static int cost(Op op) {
        return op == Op.EXP || op == Op.LOG || op == Op.TANH ? 10 : 1;
    }

    static {
        if (BLOCK * BLOCKS_PER_CHUNK != Layout.SUM_RUN) {
            throw new AssertionError("a fused sum's chunk must be one of Layout.sum's runs");
        }
    }

    @Override
    void run() {
        if (parallel) {
            pool.parallelFor(this, chunks);
        } else if (sumOut == null) {
            runBlocks(0, blocks, scratch[0], out, 0);
        } else {
            for (int c = 0; c < chunks; c++) {
                runChunk(c, 0);
            }
        }
        if (sumOut != null) {
            double s = partial[0];
            for (int c = 1; c < chunks; c++) {
                s += partial[c];
            }
            sumOut[0] = (float) s;
        }
    }

    @Override
    public void runChunk(int chunk, int worker) {
        int from = chunk * BLOCKS_PER_CHUNK;
        int to = Math.min(blocks, from + BLOCKS_PER_CHUNK);
        if (sumOut == null) {
            runBlocks(from, to, scratch[worker], out, 0);
        } else {
            int base = from * BLOCK;
            runBlocks(from, to, scratch[worker], runs[worker], base);
            partial[chunk] = Layout.chains(runs[worker], 0, Math.min(n, to * BLOCK) - base);
        }
    }

    /** Runs blocks [from, to); the root's element i goes to {@code rootOut[i - rootBase]}. */
    private void runBlocks(int from, int to, float[][] regs, float[] rootOut, int rootBase) {
        for (int blk = from; blk < to; blk++) {
            int start = blk * BLOCK;
            int len = Math.min(BLOCK, n - start);
            for (int i = 0; i < ops.length; i++) {
                float[] o = dst[i] < 0 ? rootOut : regs[dst[i]];
                int oo = dst[i] < 0 ? start - rootBase : 0;
                float[] a = aMode[i] == REGISTER ? regs[aReg[i]] : aBuf[i];
                int ao = aMode[i] == FULL ? start : 0;
                if (unary[i]) {
                    Elementwise.unary(ops[i], a, ao, o, oo, len);
                } else {
                    float[] b = bMode[i] == REGISTER ? regs[bReg[i]] : bBuf[i];
                    int bo = bMode[i] == FULL ? start : 0;
                    Elementwise.binary(ops[i], a, ao, aMode[i] == SCALAR ? 0 : 1, b, bo, bMode[i] == SCALAR ? 0 : 1,
                            o, oo, len);
                }
            }
        }
    }
}
