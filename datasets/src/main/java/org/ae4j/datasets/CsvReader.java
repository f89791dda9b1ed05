package org.ae4j.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ae4j.core.data.Dataset;

/**
 * Reads CSV (or TSV) files of numbers with Apache Commons CSV, raw or gzip-compressed: quoting as RFC 4180,
 * blank lines skipped, spaces around cells ignored, a UTF-8 byte order mark skipped. Which columns, the label
 * column, the header and the delimiter are set by {@link CsvOptions}. Every cell read must be a finite decimal
 * number; errors name the file, the row (its 1-based line number) and the column.
 */
public final class CsvReader {
    private final CsvOptions options;

    /** A reader with {@link CsvOptions#defaults()}. */
    public CsvReader() {
        this(CsvOptions.defaults());
    }

    public CsvReader(CsvOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public CsvOptions options() {
        return options;
    }

    /** Reads the whole file into memory. */
    public CsvTable read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /** Reads the first {@code limit} data rows (all of them if the file has fewer). */
    public CsvTable read(Path file, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: expected at least 1 row, got " + limit);
        }
        try (CsvRowStream s = new CsvRowStream(file, options)) {
            Dataset d = RowStreams.collect(s, file.toString(), limit);
            return new CsvTable(d, s.columnNames(), s.labelNames());
        }
    }

    /** Opens the file to be read a batch of rows at a time. */
    public RowStream stream(Path file) {
        return new CsvRowStream(file, options);
    }

    /**
     * Reads a file holding one column of labels. The labels are integers, or names numbered in order of first
     * appearance. A header is detected as for data (a first cell that is not a number above one that is), so a
     * header above names is only skipped when the options say {@link CsvOptions.Header#PRESENT}.
     */
    public CsvLabels readLabels(Path file) {
        CsvOptions labelsOnly = new CsvOptions(options.delimiter(), options.header(), List.of(), "0");
        try (CsvRowStream s = new CsvRowStream(file, labelsOnly)) {
            if (s.cols() != 0) {
                throw tooWide(file, s.cols() + 1);
            }
            int[] labels = s.readLabels();
            if (labels.length == 0) {
                throw new DatasetException(file + ": expected at least one label, found none");
            }
            return new CsvLabels(labels, s.labelNames());
        }
    }

    private static DatasetException tooWide(Path file, int cols) {
        return new DatasetException(file + ": expected a single column of labels, found " + cols + " columns");
    }

    /**
     * A CSV file read into memory.
     *
     * @param data the rows, with labels when a label column was chosen
     * @param columns the feature columns read, in order: header names, or 0-based indices as text
     * @param labelNames the label names, index = label, when the label column holds names; else empty
     */
    public record CsvTable(Dataset data, List<String> columns, List<String> labelNames) {
        public CsvTable {
            Objects.requireNonNull(data, "data");
            columns = List.copyOf(columns);
            labelNames = List.copyOf(labelNames);
        }
    }

    /**
     * A column of labels read from CSV.
     *
     * @param labels one per row
     * @param names the label names, index = label, when the file holds names; else empty
     */
    public record CsvLabels(int[] labels, List<String> names) {
        public CsvLabels {
            Objects.requireNonNull(labels, "labels");
            names = List.copyOf(names);
        }
    }
}
