package org.ae4j.datasets;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import org.ae4j.core.data.Dataset;

/**
 * Loads a dataset given by name ({@code embedded}, {@code fashion-mnist}, {@code mnist}) or by path: a data file
 * in IDX, CSV or .npy format (detected by the name, then by the first bytes, unless {@link ReadOptions} names
 * it), raw or gzip; or a directory of IDX files in the MNIST layout. An IDX file's labels are read when a label
 * file named the MNIST way lies beside it; labels for other files come from a CSV label column or
 * {@link #withLabels}. uint8 data (IDX, .npy) is scaled to [0,1]. This is what the command line's dataset
 * argument goes through.
 */
public final class Datasets {
    private Datasets() {}

    /** Loads a split of a named dataset or a path, finding named ones with {@link DatasetLocator#system()}. */
    public static Dataset load(String nameOrPath, Split split) {
        return source(nameOrPath).load(split);
    }

    /** Loads a split of a named dataset or a path read as {@code options} say. */
    public static Dataset load(String nameOrPath, Split split, ReadOptions options) {
        return source(nameOrPath, DatasetLocator.system(), options).load(split);
    }

    /** The source for a name or a path, looking for named datasets with {@link DatasetLocator#system()}. */
    public static DatasetSource source(String nameOrPath) {
        return source(nameOrPath, DatasetLocator.system());
    }

    /** The source for a name or a path; names win over same-named files (write {@code ./mnist} for a file). */
    public static DatasetSource source(String nameOrPath, DatasetLocator locator) {
        return source(nameOrPath, locator, ReadOptions.defaults());
    }

    /** The source for a name or a path, files read as {@code options} say. */
    public static DatasetSource source(String nameOrPath, DatasetLocator locator, ReadOptions options) {
        Objects.requireNonNull(options, "options");
        String expected = "dataset: expected a name (" + String.join(", ", NamedDatasets.names())
                + ") or the path of a data file (IDX, CSV, .npy) or of a directory of IDX files, ";
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new DatasetException(expected + "got nothing");
        }
        if (NamedDatasets.isName(nameOrPath)) {
            return new NamedDatasets(locator).source(nameOrPath);
        }
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw new DatasetException(expected + "got '" + nameOrPath + "' (" + e.getReason() + ")", e);
        }
        if (!Files.exists(path)) {
            throw new DatasetException(expected + "got '" + nameOrPath + "': no such file or directory");
        }
        return source(path, options);
    }

    /** The source for a file or a directory of IDX files (never a dataset name). */
    public static DatasetSource source(Path path, ReadOptions options) {
        if (Files.isDirectory(path)) {
            if (options.format() != null && options.format() != DataFormat.IDX) {
                throw new DatasetException(path + ": expected a " + options.format().optionName()
                        + " file, found a directory");
            }
            return IdxSources.directory(path);
        }
        return FileSources.of(path, options);
    }

    /**
     * Opens a data file under a memory budget: read into memory when its rows take at most {@code budgetBytes}
     * (4 bytes a value and a label; for CSV, estimated as twice the file's size), else returned as a
     * {@link Opened.Streaming} to be read a batch at a time. A directory opens its training split.
     */
    public static Opened open(Path path, long budgetBytes) {
        return open(path, budgetBytes, ReadOptions.defaults());
    }

    /** {@link #open(Path, long)}, files read as {@code options} say. */
    public static Opened open(Path path, long budgetBytes, ReadOptions options) {
        Budget.check(budgetBytes);
        return source(path, options).open(Split.TRAIN, budgetBytes);
    }

    /** Opens a split of a named dataset or a path under a memory budget; see {@link #open(Path, long)}. */
    public static Opened open(String nameOrPath, Split split, long budgetBytes, DatasetLocator locator,
            ReadOptions options) {
        Budget.check(budgetBytes);
        return source(nameOrPath, locator, options).open(split, budgetBytes);
    }

    /**
     * Reads a file of labels: an IDX label file (1-dimensional integers), a .npy integer array of shape (n,) or
     * (n, 1), or a single-column CSV of integers or of names (numbered in order of first appearance).
     */
    public static int[] loadLabels(Path file) {
        return loadLabels(file, ReadOptions.defaults());
    }

    /** {@link #loadLabels(Path)}, the file read as {@code options} say. */
    public static int[] loadLabels(Path file, ReadOptions options) {
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": no such file (expected a file of labels: IDX, .npy or CSV)");
        }
        return switch (options.formatOf(file)) {
            case IDX -> new IdxReader().readLabels(file);
            case NPY -> new NpyReader().readLabels(file);
            case CSV -> {
                CsvReader.CsvLabels l = new CsvReader(options.csv()).readLabels(file);
                FileSources.logLabelNames(file, l.names());
                yield l.labels();
            }
        };
    }

    /** {@code data} with the labels read from {@code labels} ({@link #loadLabels}), one per row. */
    public static Dataset withLabels(Dataset data, Path labels) {
        return withLabels(data, labels, ReadOptions.defaults());
    }

    /** {@link #withLabels(Dataset, Path)}, the label file read as {@code options} say. */
    public static Dataset withLabels(Dataset data, Path labels, ReadOptions options) {
        int[] l = loadLabels(labels, options);
        if (l.length != data.rows()) {
            throw new DatasetException(labels + ": label count does not match the data: expected " + data.rows()
                    + " labels (one per row of " + data.source() + "), found " + l.length);
        }
        return new Dataset(data.source(), data.values(), data.rows(), data.cols(), l);
    }
}
