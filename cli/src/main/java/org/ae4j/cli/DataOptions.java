package org.ae4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ae4j.datasets.CsvOptions;
import org.ae4j.datasets.DataFormat;
import org.ae4j.datasets.ReadOptions;
import picocli.CommandLine.Option;

/**
 * The data flags every command that reads data shares: where the data is, its format, how to read CSV and a row
 * limit. The split is each command's own option (its default differs); commands that use labels take
 * {@link Labelled}.
 */
class DataOptions {
    @Option(names = "--data", defaultValue = "embedded",
            description = "dataset name (embedded, fashion-mnist, mnist) or the path of a data file (IDX, CSV, .npy; "
                    + "raw or .gz) or of a directory of IDX files (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--format", description = "idx, csv or npy (default: detected from the file name, then its first bytes)")
    String format;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N rows (0: all)")
    int limit;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "CSV: the feature columns, by header name or 0-based index (default: all but the label column)")
    List<String> columns = new ArrayList<>();

    @Option(names = "--label-column", paramLabel = "COL", description = "CSV: the column holding labels (name or index)")
    String labelColumn;

    @Option(names = "--header", defaultValue = "auto",
            description = "CSV: whether the first row is a header: auto, yes or no (default: ${DEFAULT-VALUE})")
    String header;

    @Option(names = "--delimiter", description = "CSV: the cell separator (one character, or tab, comma, semicolon, "
            + "space; default: tab for .tsv, comma otherwise)")
    String delimiter;

    /** The data flags plus {@code --labels}, for the commands that use labels (train, eval, report). */
    static final class Labelled extends DataOptions {
        @Option(names = "--labels", paramLabel = "FILE",
                description = "labels, one per row of --data (IDX, .npy or one-column CSV); IDX datasets find theirs")
        Path labels;
    }

    /** The labels file, or null. */
    Path labels() {
        return this instanceof Labelled l ? l.labels : null;
    }

    /** How files are read, as the flags say. */
    ReadOptions readOptions() {
        CsvOptions csv = CsvOptions.defaults().withHeader(CsvOptions.Header.parse(header)).withColumns(columns)
                .withLabelColumn(labelColumn);
        if (delimiter != null) {
            csv = csv.withDelimiter(CsvOptions.parseDelimiter(delimiter));
        }
        return ReadOptions.defaults().withCsv(csv).withFormat(format == null ? null : DataFormat.parse(format));
    }
}
