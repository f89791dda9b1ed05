package org.ae4j.core.spi;

import org.ae4j.core.ir.Program;

/** Executes IR programs. Backends are created by a {@link BackendProvider}. */
public interface Backend extends AutoCloseable {
    /** The provider name that created this backend, e.g. {@code cpu}. */
    String name();

    /** Compiles a program: plans memory and prepares kernels once; runs then allocate nothing. */
    Session open(Program program);

    /** A one-line description of where this backend runs (device, threads), for logs. */
    String describe();

    @Override
    default void close() {
    }
}
