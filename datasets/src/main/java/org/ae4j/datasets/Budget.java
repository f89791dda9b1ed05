package org.ae4j.datasets;

import java.util.function.Supplier;
import org.ae4j.core.data.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses between reading a dataset into memory and streaming it, by the bytes its rows take. */
final class Budget {
    private static final Logger LOG = LoggerFactory.getLogger(Budget.class);

    private Budget() {}

    static void check(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("memory budget: expected at least 0 bytes, got " + budgetBytes);
        }
    }

    /** In memory (by {@code load}) when {@code bytes} fit the budget, else streamed (by {@code stream}). */
    static Opened choose(String source, long bytes, long budgetBytes, Supplier<Dataset> load,
            Supplier<RowStream> stream) {
        check(budgetBytes);
        if (bytes <= budgetBytes) {
            return new Opened.InMemory(load.get());
        }
        LOG.info("{}: streaming it: its rows take about {} bytes, more than the memory budget of {}", source, bytes,
                budgetBytes);
        return new Opened.Streaming(source, bytes, stream);
    }

    /** Bytes of {@code rows} rows of {@code cols} float32 values, plus an int label each when {@code labels}. */
    static long rowBytes(long rows, long cols, boolean labels) {
        return rows * cols * 4 + (labels ? rows * 4 : 0);
    }
}
