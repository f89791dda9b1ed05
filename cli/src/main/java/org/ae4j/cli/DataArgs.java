package org.ae4j.cli;

import org.ae4j.core.data.Dataset;
import org.ae4j.datasets.DatasetLocator;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Opened;
import org.ae4j.datasets.RowStream;
import org.ae4j.datasets.Split;

/** Loading the data a command names: a dataset name or a path, a split, labels and an optional row limit. */
final class DataArgs {
    /** Data that takes more memory than this is streamed a batch at a time by the commands that can. */
    private static final long STREAM_BUDGET_BYTES = Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);

    private DataArgs() {
    }

    /** Loads the first {@code limit} rows (0: all) of a split as the data flags say, labels attached. */
    static Dataset load(DataOptions o, String split, int limit, String limitOption) {
        checkLimit(limit, limitOption);
        Dataset d = Datasets.source(o.data, DatasetLocator.system(), o.readOptions())
                .load(Split.parse(split), limit == 0 ? Integer.MAX_VALUE : limit);
        return o.labels() == null ? d : withLabels(d, o.labels(), limit);
    }

    /** Loads what the data flags name: {@code --limit} rows of the split. */
    static Dataset load(DataOptions o, String split) {
        return load(o, split, o.limit, "--limit");
    }

    /**
     * Opens what the data flags name for reading a batch at a time: in memory when small, streamed from disk when
     * larger than the memory budget, without labels.
     */
    static RowStream stream(DataOptions o, String split) {
        checkLimit(o.limit, "--limit");
        if (o.limit > 0) {
            return RowStream.of(load(o, split));
        }
        Opened opened = Datasets.open(o.data, Split.parse(split), STREAM_BUDGET_BYTES, DatasetLocator.system(),
                o.readOptions());
        return opened.stream();
    }

    private static void checkLimit(int limit, String limitOption) {
        if (limit < 0) {
            throw new IllegalArgumentException(limitOption + ": expected >= 0 (0: all rows), got " + limit);
        }
    }

    /** The data with the labels of {@code --labels}; with a row limit, the first labels. */
    private static Dataset withLabels(Dataset d, java.nio.file.Path file, int limit) {
        int[] all = Datasets.loadLabels(file);
        boolean limited = limit > 0 && d.rows() == limit && all.length > limit;
        if (all.length != d.rows() && !limited) {
            throw new IllegalArgumentException("--labels: " + file + " has " + all.length + " labels, but "
                    + d.source() + " has " + d.rows() + " rows (expected one label per row)");
        }
        int[] labels = limited ? java.util.Arrays.copyOf(all, d.rows()) : all;
        return new Dataset(d.source(), d.values(), d.rows(), d.cols(), labels);
    }
}
