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

    /**
     * Sets an input of shape [n, w] from n rows of a larger row-major array of w-float rows: row i of the input is
     * row {@code rows[from + i]} of src. The same as gathering those rows into an array and calling
     * {@link #setInput}, which is what this default does; backends override it to gather straight into their own
     * input buffer. Throws IllegalArgumentException, naming the input and the bad index, before copying anything.
     */
    default void setInputRows(Node input, float[] src, int[] rows, int from) {
        int w = InputRows.check(input, src, rows, from);
        int n = input.shape().dim(0);
        float[] gathered = new float[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(src, rows[from + i] * w, gathered, i * w, w);
        }
        setInput(input, gathered, 0);
    }

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

    /**
     * Whether {@link #revert} works. True unless the session was opened with {@link Backend#openInPlace} by a
     * backend that then writes updates over the current values; such a session's revert throws
     * IllegalStateException, and a caller that needs earlier values keeps them itself.
     */
    default boolean canRevert() {
        return true;
    }

    @Override
    void close();
}
