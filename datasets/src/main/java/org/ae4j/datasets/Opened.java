package org.ae4j.datasets;

import java.util.Objects;
import java.util.function.Supplier;
import org.ae4j.core.data.Dataset;

/**
 * A dataset opened under a memory budget ({@link Datasets#open}): either read into memory, or left on disk to be
 * read a batch at a time. Either way {@link #stream()} reads it row batch by row batch, so a consumer that only
 * streams need not tell the two apart.
 */
public sealed interface Opened permits Opened.InMemory, Opened.Streaming {
    /** What was opened, for messages. */
    String source();

    /** Bytes the rows take (or would take) in memory; an estimate for CSV. */
    long bytes();

    /** A new stream over every row, from the first; close it when done. */
    RowStream stream();

    /** The whole dataset, read into memory because it fits the budget. */
    record InMemory(Dataset data) implements Opened {
        public InMemory {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String source() {
            return data.source();
        }

        @Override
        public long bytes() {
            return 4L * data.values().length + (data.hasLabels() ? 4L * data.rows() : 0);
        }

        @Override
        public RowStream stream() {
            return RowStream.of(data);
        }
    }

    /**
     * A dataset larger than the budget, read from disk on each {@link #stream()}.
     *
     * @param source the file
     * @param bytes what the rows would take in memory (an estimate for CSV)
     * @param opener opens a new stream from the first row
     */
    record Streaming(String source, long bytes, Supplier<RowStream> opener) implements Opened {
        public Streaming {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(opener, "opener");
        }

        @Override
        public RowStream stream() {
            return opener.get();
        }
    }
}
