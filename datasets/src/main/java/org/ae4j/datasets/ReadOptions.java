package org.ae4j.datasets;

import java.util.Objects;

/**
 * How to read a data file given by path.
 *
 * @param format the format, or null to detect it (by the file name, then by its first bytes)
 * @param csv how to read CSV files
 */
public record ReadOptions(DataFormat format, CsvOptions csv) {
    public ReadOptions {
        Objects.requireNonNull(csv, "csv");
    }

    /** Format detected, CSV read with {@link CsvOptions#defaults()}. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, CsvOptions.defaults());
    }

    /** The format to read, or null to detect it. */
    public ReadOptions withFormat(DataFormat format) {
        return new ReadOptions(format, csv);
    }

    public ReadOptions withCsv(CsvOptions csv) {
        return new ReadOptions(format, csv);
    }

    /** The format of {@code file}: the one given, else the one detected. */
    DataFormat formatOf(java.nio.file.Path file) {
        return format != null ? format : DataFormat.detect(file);
    }
}
