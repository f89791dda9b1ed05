package org.ae4j.datasets;

import org.ae4j.core.data.Dataset;

/**
 * Where a dataset comes from: a named dataset ({@code embedded}, {@code fashion-mnist}, {@code mnist}), one data
 * file (IDX, CSV, .npy), or a directory of IDX files named the MNIST way. Obtain one from {@link Datasets#source}.
 */
public interface DatasetSource {
    /** What this source is, for messages: a dataset name or a path. */
    String name();

    /**
     * Loads a split, at most {@code limit} rows (the first ones). A source that is a single file has no
     * splits and ignores {@code split}.
     */
    Dataset load(Split split, int limit);

    /** Loads a whole split. */
    default Dataset load(Split split) {
        return load(split, Integer.MAX_VALUE);
    }

    /**
     * Opens a split under a memory budget: read into memory when its rows take at most {@code budgetBytes}
     * (4 bytes a value, 4 a label), else left on disk to be streamed. Sources that are always small (the
     * embedded dataset) load it.
     */
    default Opened open(Split split, long budgetBytes) {
        Budget.check(budgetBytes);
        return new Opened.InMemory(load(split));
    }
}
