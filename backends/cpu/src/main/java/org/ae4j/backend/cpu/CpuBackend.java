package org.ae4j.backend.cpu;

import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU backend: compiles programs into {@link CpuSession}s that share one fixed pool of daemon threads, used for
 * matrix products (the calling thread takes part, so {@code threads} threads work in all).
 */
public final class CpuBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);

    private final int threads;
    private final WorkerPool pool;
    private volatile boolean closed;

    /** A backend with the given config; threads = 0 means one per available processor. */
    public CpuBackend(CpuBackendConfig config) {
        this.threads = config.resolvedThreads();
        this.pool = new WorkerPool(threads, "ae4j-cpu-");
        LOG.info("cpu backend: {} thread(s), {}", threads, Gemm.kernelName());
    }

    @Override
    public String name() {
        return CpuBackendProvider.NAME;
    }

    @Override
    public Session open(Program program) {
        return session(program, false);
    }

    /**
     * A session whose updates are written over their parameters where that gives the same values (see
     * {@link MemoryPlan#inPlace}); it cannot revert when any is.
     */
    @Override
    public Session openInPlace(Program program) {
        return session(program, !Boolean.getBoolean(NO_IN_PLACE_PROPERTY));
    }

    private CpuSession session(Program program, boolean inPlace) {
        if (closed) {
            throw new IllegalStateException("the cpu backend is closed");
        }
        return new CpuSession(program, pool, inPlace);
    }

    /** System property that, when true, makes {@link #openInPlace} open ordinary sessions (for comparisons). */
    static final String NO_IN_PLACE_PROPERTY = "ae4j.cpu.noInPlace";

    @Override
    public String describe() {
        return "cpu (pure Java, float32, " + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    /** The number of threads matrix products run on. */
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }
}
