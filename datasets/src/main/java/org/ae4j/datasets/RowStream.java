package org.ae4j.datasets;

import java.util.List;
import java.util.Objects;
import org.ae4j.core.data.Dataset;

/**
 * Rows of a data file read a batch at a time, so that a file larger than memory can be encoded or scored: only
 * the current batch is held. Obtain one from {@link Datasets#open} (or {@link #of} over data in memory). Not
 * thread-safe; close it when done (it holds the open file).
 */
public interface RowStream extends AutoCloseable {
    /** What is read, for messages: the file. */
    String source();

    /** Values per row. */
    int cols();

    /** True when batches carry labels. */
    boolean hasLabels();

    /** The number of rows in all, when the file's header says it (IDX, .npy); -1 when unknown (CSV). */
    long rows();

    /** Rows returned so far. */
    long position();

    /**
     * The next batch: up to {@code maxRows} rows (fewer only at the end), as a new dataset whose source names
     * the rows ({@code file[from:to]}); null when every row has been returned.
     */
    Dataset next(int maxRows);

    /** Names of string labels, index = label (CSV label columns of names); empty when labels are integers. */
    default List<String> labelNames() {
        return List.of();
    }

    /** Closes the file; never throws. */
    @Override
    void close();

    /** A stream over rows already in memory. */
    static RowStream of(Dataset data) {
        Objects.requireNonNull(data, "data");
        return new RowStream() {
            private int at;

            @Override
            public String source() {
                return data.source();
            }

            @Override
            public int cols() {
                return data.cols();
            }

            @Override
            public boolean hasLabels() {
                return data.hasLabels();
            }

            @Override
            public long rows() {
                return data.rows();
            }

            @Override
            public long position() {
                return at;
            }

            @Override
            public Dataset next(int maxRows) {
                RowStreams.checkBatch(maxRows);
                if (at >= data.rows()) {
                    return null;
                }
                int to = (int) Math.min(data.rows(), (long) at + maxRows);
                Dataset batch = at == 0 && to == data.rows() ? data : data.slice(at, to);
                at = to;
                return batch;
            }

            @Override
            public void close() {}
        };
    }
}
