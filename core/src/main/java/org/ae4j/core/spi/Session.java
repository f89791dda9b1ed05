package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;

/**
 * A program compiled by a backend, with its parameter values. Not thread-safe. Every method copies from or into
 * caller arrays, so a caller that reuses its arrays allocates nothing per run.
 */
public interface Session extends AutoCloseable {
    /** The program this session runs. */
    Program program();

    /** Copies values into a parameter; length must equal the parameter's size. */
    void setParameter(Node parameter, float[] values);

    /** Copies a parameter's current value into dst. */
    void getParameter(Node parameter, float[] dst);

    /** Copies shape.size() floats from src, starting at offset, into an input for the next run. */
    void setInput(Node input, float[] src, int offset);

    /** Computes the outputs and then replaces each updated parameter by its new value. */
    void run();

    /** Copies an output of the last run into dst. */
    void getOutput(Node output, float[] dst);

    /** A scalar output of the last run. */
    float scalarOutput(Node output);

    /**
     * Restores every parameter to its value before the last {@code runs} runs (1 or 2), for instance to keep
     * the last good parameters when a loss turns non-finite. Only runs since the last {@link #setParameter} count:
     * asking for more throws, and reverting never goes back past
     * a value that was set.
     */
    void revert(int runs);

    @Override
    void close();
}
