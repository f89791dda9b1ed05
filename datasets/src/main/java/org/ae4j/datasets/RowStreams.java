package org.ae4j.datasets;

import java.util.Arrays;
import org.ae4j.core.data.Dataset;

/** Helpers shared by the {@link RowStream} implementations. */
final class RowStreams {
    /** The most values one array holds. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private RowStreams() {}

    static void checkBatch(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows: expected at least 1, got " + maxRows);
        }
    }

    /** Rows in the next batch of a stream with {@code left} rows to go: at most maxRows, and under MAX_VALUES values. */
    static int batchRows(long left, int maxRows, int cols) {
        return (int) Math.min(Math.min(left, maxRows), MAX_VALUES / cols);
    }

    /** The rows of a batch, {@code stream.source()[from:to]}. */
    static String batchName(RowStream stream, long from, long to) {
        return stream.source() + "[" + from + ":" + to + "]";
    }

    /** Reads every remaining row (at most {@code limit}) into one dataset named {@code source}. */
    static Dataset collect(RowStream s, String source, int limit) {
        int cols = s.cols();
        int cap = (int) Math.min(limit, Math.max(1, s.rows() >= 0 ? s.rows() : 1024));
        float[] values = new float[Math.multiplyExact(cap, cols)];
        int[] labels = s.hasLabels() ? new int[cap] : null;
        int rows = 0;
        Dataset batch;
        while (rows < limit && (batch = s.next(Math.min(limit - rows, 1 << 16))) != null) {
            int need = rows + batch.rows();
            if (need > cap) {
                if ((long) need * cols > MAX_VALUES) {
                    throw new DatasetException(s.source() + ": too large to hold in memory: expected at most "
                            + MAX_VALUES + " values in all, found more than " + ((long) need * cols)
                            + "; read it as a stream (Datasets.open with a memory budget)");
                }
                cap = (int) Math.min(Math.max(need, 2L * cap), MAX_VALUES / cols);
                values = Arrays.copyOf(values, cap * cols);
                labels = labels == null ? null : Arrays.copyOf(labels, cap);
            }
            System.arraycopy(batch.values(), 0, values, rows * cols, batch.rows() * cols);
            if (labels != null) {
                System.arraycopy(batch.labels(), 0, labels, rows, batch.rows());
            }
            rows = need;
        }
        if (rows == 0) {
            throw new DatasetException(s.source() + ": expected at least one row of data, found none");
        }
        values = rows * cols == values.length ? values : Arrays.copyOf(values, rows * cols);
        labels = labels == null || labels.length == rows ? labels : Arrays.copyOf(labels, rows);
        return new Dataset(source, values, rows, cols, labels);
    }
}
