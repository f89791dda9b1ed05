package org.ae4j.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns chosen from a CSV file: feature columns and the label column (-1 for none), as 0-based indices.
 *
 * @param features the feature columns, in the order their values appear in a row
 * @param label the label column, or -1
 */
record CsvColumns(int[] features, int label) {

    /** Resolves the selectors of {@code options} against the header (null when there is none). */
    static CsvColumns resolve(String source, List<String> header, int width, CsvOptions options) {
        int label = options.labelColumn() == null ? -1 : index(source, header, width, options.labelColumn(),
                "label column");
        List<Integer> features = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (int c = 0; c < width; c++) {
                if (c != label) {
                    features.add(c);
                }
            }
        } else {
            for (String s : options.columns()) {
                int c = index(source, header, width, s, "column");
                if (c == label) {
                    throw new DatasetException(source + ": column " + s + " is the label column; expected feature "
                            + "columns other than it");
                }
                if (features.contains(c)) {
                    throw new DatasetException(source + ": columns: expected each column once, found " + s
                            + " twice");
                }
                features.add(c);
            }
        }
        return new CsvColumns(features.stream().mapToInt(Integer::intValue).toArray(), label);
    }

    private static int index(String source, List<String> header, int width, String selector, String what) {
        if (header != null) {
            int byName = header.indexOf(selector);
            if (byName >= 0) {
                return byName;
            }
        }
        if (selector.chars().allMatch(Character::isDigit)) {
            int c = selector.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(selector);
            if (c >= width) {
                throw new DatasetException(source + ": " + what + " " + selector + ": expected a 0-based index "
                        + "below " + width + " (the file has " + width + " columns), got " + selector);
            }
            return c;
        }
        if (header == null) {
            throw new DatasetException(source + ": " + what + " '" + selector + "': the file has no header row, so "
                    + "columns are chosen by 0-based index: expected 0 to " + (width - 1) + ", got '" + selector
                    + "'");
        }
        throw new DatasetException(source + ": unknown " + what + " '" + selector + "': expected one of "
                + quoted(header) + " or a 0-based index below " + width);
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append('\'').append(n).append('\'');
        }
        return b.toString();
    }
}
