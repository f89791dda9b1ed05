package org.ae4j.backend.cpu;

import java.util.function.Function;
import org.ae4j.core.ir.Node;

/**
 * One parameter's {@link AdamUpdate} in one pass: each element of p, g, m and v is read once and p', m', v' are
 * written once, with every intermediate in a register. The float operations and their order are those of the three
 * fused groups it replaces, so the bits are the same (IEEE add, multiply, divide and square root are exact and
 * commutative where the IR's operand order is not fixed here). Large parameters are split across the pool in chunks
 * whose results do not depend on the split.
 */
final class AdamStep extends Step implements WorkerPool.Task {
    /** Elements per parallel chunk (a multiple of every vector length). */
    static final int CHUNK = 16384;

    private final int n;
    private final float[] p;
    private final float[] g;
    private final float[] m;
    private final float[] v;
    private final float[] p2;
    private final float[] m2;
    private final float[] v2;
    private final float[] beta1;
    private final float[] oneMinusBeta1;
    private final float[] beta2;
    private final float[] oneMinusBeta2;
    private final float[] sqrtC2;
    private final float[] epsilon;
    private final float[] stepSize;
    private final WorkerPool pool;
    private final int chunks;

    AdamStep(AdamUpdate u, Function<Node, float[]> buffer, WorkerPool pool) {
        this.n = u.p2().shape().size();
        this.p = buffer.apply(u.p());
        this.g = buffer.apply(u.g());
        this.m = buffer.apply(u.m());
        this.v = buffer.apply(u.v());
        this.p2 = buffer.apply(u.p2());
        this.m2 = buffer.apply(u.m2());
        this.v2 = buffer.apply(u.v2());
        this.beta1 = buffer.apply(u.beta1());
        this.oneMinusBeta1 = buffer.apply(u.oneMinusBeta1());
        this.beta2 = buffer.apply(u.beta2());
        this.oneMinusBeta2 = buffer.apply(u.oneMinusBeta2());
        this.sqrtC2 = buffer.apply(u.sqrtC2());
        this.epsilon = buffer.apply(u.epsilon());
        this.stepSize = buffer.apply(u.stepSize());
        this.pool = pool;
        this.chunks = (n + CHUNK - 1) / CHUNK;
    }

    @Override
    void run() {
        if (pool.parallelism() > 1 && chunks > 1) {
            pool.parallelFor(this, chunks);
        } else {
            update(0, n);
        }
    }

    @Override
    public void runChunk(int chunk, int worker) {
        int from = chunk * CHUNK;
        update(from, Math.min(n, from + CHUNK));
    }

    private void update(int from, int to) {
        float b1 = beta1[0];
        float c1 = oneMinusBeta1[0];
        float b2 = beta2[0];
        float c2 = oneMinusBeta2[0];
        float c = sqrtC2[0];
        float eps = epsilon[0];
        float s = stepSize[0];
        int i = from;
        if (Simd.ENABLED && to - from >= Simd.MIN_LENGTH) {
            i = VectorAdam.update(p, g, m, v, p2, m2, v2, from, to, b1, c1, b2, c2, c, eps, s);
        }
        for (; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * (gi * gi);
            float d = (float) Math.sqrt(vi) / c + eps;
            m2[i] = mi;
            v2[i] = vi;
            p2[i] = p[i] - s * (mi / d);
        }
    }
}
