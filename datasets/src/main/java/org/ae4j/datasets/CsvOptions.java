package org.ae4j.datasets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read a CSV file. Columns are chosen by header name or by 0-based index ({@code "3"}); a selector that
 * is a header name wins over the same text read as an index.
 *
 * @param delimiter the cell separator, or null for the default: a tab for {@code .tsv} files, a comma otherwise
 * @param header whether the first row is a header
 * @param columns the feature columns, in the order wanted; empty for every column except the label column
 * @param labelColumn the column holding labels, or null for none. Labels are integers when the first data
 *     row's label is an integer; otherwise every label is a name, mapped to 0, 1, ... in order of first
 *     appearance
 */
public record CsvOptions(Character delimiter, Header header, List<String> columns, String labelColumn) {
    /** Whether the first row is a header. */
    public enum Header {
        /**
         * Decided from the file: the first row is a header when one of its cells is not a number while the
         * second row has a number in that column (with one row: when any of its cells is not a number).
         */
        AUTO,
        /** The first row is a header. */
        PRESENT,
        /** There is no header; every row is data. */
        ABSENT;

        /** Parses {@code auto}, {@code yes}/{@code present}/{@code true} or {@code no}/{@code absent}/{@code false}. */
        public static Header parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "auto" -> AUTO;
                case "yes", "present", "true" -> PRESENT;
                case "no", "absent", "false" -> ABSENT;
                default -> throw new DatasetException("csv header: expected auto, yes or no, got '" + text + "'");
            };
        }
    }

    public CsvOptions {
        Objects.requireNonNull(header, "header");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new DatasetException("csv delimiter: expected a character other than a quote or a line break, got "
                    + describe(delimiter));
        }
        for (String c : columns) {
            if (c == null || c.isBlank()) {
                throw new DatasetException("csv columns: expected column names or 0-based indices, got a blank one");
            }
        }
        if (labelColumn != null && labelColumn.isBlank()) {
            throw new DatasetException("csv label column: expected a column name or 0-based index, got a blank one");
        }
    }

    /** Comma (or tab for .tsv), header auto-detected, every column, no labels. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, Header.AUTO, List.of(), null);
    }

    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(delimiter, header, columns, labelColumn);
    }

    public CsvOptions withHeader(Header header) {
        return new CsvOptions(delimiter, header, columns, labelColumn);
    }

    /** The feature columns by name or 0-based index; none means every column but the label column. */
    public CsvOptions withColumns(List<String> columns) {
        return new CsvOptions(delimiter, header, columns, labelColumn);
    }

    /** The label column by name or 0-based index; null for none. */
    public CsvOptions withLabelColumn(String labelColumn) {
        return new CsvOptions(delimiter, header, columns, labelColumn);
    }

    /** Parses a delimiter option: one character, or {@code tab}, {@code \t}, {@code comma}, {@code semicolon}. */
    public static char parseDelimiter(String text) {
        String t = text == null ? "" : text;
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t", "\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "space" -> ' ';
            default -> {
                if (t.length() != 1) {
                    throw new DatasetException("csv delimiter: expected one character (or tab, comma, semicolon, "
                            + "space), got '" + text + "'");
                }
                yield t.charAt(0);
            }
        };
    }

    private static String describe(char c) {
        return c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : "'" + c + "'";
    }
}
