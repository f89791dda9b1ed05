package org.ae4j.cli;

import org.ae4j.core.data.Dataset;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;

/** Loading the data a command names: a dataset name or an IDX path, a split, and an optional row limit. */
final class DataArgs {
    private DataArgs() {
    }

    /** Loads the first {@code limit} rows (0: all) of a split of a named dataset or an IDX file or directory. */
    static Dataset load(String data, String split, int limit, String limitOption) {
        if (limit < 0) {
            throw new IllegalArgumentException(limitOption + ": expected >= 0 (0: all rows), got " + limit);
        }
        return Datasets.source(data).load(Split.parse(split), limit == 0 ? Integer.MAX_VALUE : limit);
    }
}
