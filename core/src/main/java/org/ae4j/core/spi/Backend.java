package org.ae4j.core.spi;

import org.ae4j.core.ir.Program;

/** Executes IR programs. Backends are created by a {@link BackendProvider}. */
public interface Backend extends AutoCloseable {
    /** The provider name that created this backend, e.g. {@code cpu}. */
    String name();

    /** Compiles a program: plans memory and prepares kernels once; runs then allocate nothing. */
    Session open(Program program);

    /**
     * Compiles a program whose session need not keep earlier parameter values: the backend may write each update
     * over the current value ({@link Session#canRevert()} then says false), which halves the memory an update
     * step streams through when the updated tensors outgrow the caches. The values computed are the same as
     * {@link #open}'s. This default opens an ordinary session.
     */
    default Session openInPlace(Program program) {
        return open(program);
    }

    /** A one-line description of where this backend runs (device, threads), for logs. */
    String describe();

    @Override
    default void close() {
    }
}
