package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;

/** Checks for {@link Session#setInputRows}: what every implementation validates before it copies a row. */
public final class InputRows {
    private InputRows() {
    }

    /**
     * Validates a {@link Session#setInputRows} call and returns the row width w: the input must be [n, w], rows must
     * hold n indices from {@code from}, and each must name a whole row of src.
     */
    public static int check(Node input, float[] src, int[] rows, int from) {
        if (input.shape().rank() != 2) {
            throw new IllegalArgumentException("input '" + input.name() + "' " + input.shape()
                    + ": setting it from rows needs a two-dimensional input [rows, width]");
        }
        int n = input.shape().dim(0);
        int w = input.shape().dim(1);
        if (from < 0 || from > rows.length || rows.length - from < n) {
            throw new IllegalArgumentException("input '" + input.name() + "' " + input.shape() + ": expected " + n
                    + " row indices from position " + from + ", but the index array has length " + rows.length);
        }
        long available = w == 0 ? Long.MAX_VALUE : src.length / w;
        for (int i = from; i < from + n; i++) {
            if (rows[i] < 0 || rows[i] >= available) {
                throw new IllegalArgumentException("input '" + input.name() + "' " + input.shape() + ": row index "
                        + rows[i] + " at position " + i + " is outside the source, which holds " + available
                        + " rows of " + w);
            }
        }
        return w;
    }
}
