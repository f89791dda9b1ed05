package org.ae4j.datasets;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import org.ae4j.core.data.Dataset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file a batch of rows at a time with Commons CSV. Every error names the file, the row (its 1-based
 * line number in the file) and the column (its header name, or its 0-based index when there is no header).
 */
final class CsvRowStream implements RowStream {
    private static final String EXPECTED = "a CSV file";

    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Deque<Row> ahead = new ArrayDeque<>();
    private final int width;
    private final String widthFrom;
    private final List<String> header;
    private final CsvColumns columns;
    private final Map<String, Integer> labelIds = new LinkedHashMap<>();
    private Boolean integerLabels;
    private int label;
    private long position;

    /** A line of the file and where it starts. */
    private record Row(CSVRecord record, long line) {}

    CsvRowStream(Path file, CsvOptions options) {
        this.source = file.toString();
        char delimiter = options.delimiter() != null ? options.delimiter() : DataFormat.isTsv(file) ? '\t' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get();
        CSVParser p = Inputs.call(source, EXPECTED, () -> CSVParser.parse(withoutBom(file), format));
        this.parser = p;
        try {
            this.records = p.iterator();
            Row first = fetch();
            if (first == null) {
                throw new DatasetException(source + ": empty file: expected a header or a row of numbers, found "
                        + "no rows");
            }
            boolean hasHeader = switch (options.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> looksLikeHeader(first);
            };
            if (hasHeader) {
                header = names(first.record());
                widthFrom = "as in the header";
            } else {
                header = null;
                ahead.addFirst(first);
                widthFrom = "as in row " + first.line();
            }
            width = first.record().size();
            columns = CsvColumns.resolve(source, header, width, options);
            if (hasHeader && peek() == null) {
                throw new DatasetException(source + ": expected at least one row of data after the header (row "
                        + first.line() + "), found none");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int cols() {
        return columns.features().length;
    }

    @Override
    public boolean hasLabels() {
        return columns.label() >= 0;
    }

    @Override
    public long rows() {
        return -1;
    }

    @Override
    public long position() {
        return position;
    }

    /** The names of the feature columns read (header names, or indices as text). */
    List<String> columnNames() {
        List<String> n = new ArrayList<>();
        for (int c : columns.features()) {
            n.add(header != null ? header.get(c) : Integer.toString(c));
        }
        return n;
    }

    @Override
    public List<String> labelNames() {
        return Boolean.FALSE.equals(integerLabels) ? List.copyOf(labelIds.keySet()) : List.of();
    }

    @Override
    public Dataset next(int maxRows) {
        RowStreams.checkBatch(maxRows);
        int cols = cols();
        int cap = Math.min(maxRows, Math.max(1, (1 << 16) / Math.max(1, cols)));
        float[] values = new float[cap * cols];
        int[] labels = hasLabels() ? new int[cap] : null;
        int n = 0;
        while (n < maxRows) {
            if (n == cap) {
                cap = (int) Math.min(maxRows, 2L * cap);
                values = Arrays.copyOf(values, Math.multiplyExact(cap, cols));
                labels = labels == null ? null : Arrays.copyOf(labels, cap);
            }
            if (!readRow(values, n * cols)) {
                break;
            }
            if (labels != null) {
                labels[n] = label;
            }
            n++;
        }
        if (n == 0) {
            return null;
        }
        Dataset batch = new Dataset(RowStreams.batchName(this, position, position + n),
                Arrays.copyOf(values, n * cols), n, cols, labels == null ? null : Arrays.copyOf(labels, n));
        position += n;
        return batch;
    }

    /** Every remaining label (a file of labels only); reads no features. */
    int[] readLabels() {
        int[] out = new int[1024];
        int n = 0;
        while (readRow(null, 0)) {
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = label;
        }
        position += n;
        return Arrays.copyOf(out, n);
    }

    /** Reads the next row's features into {@code dst} at {@code off} and its label into {@link #label}. */
    private boolean readRow(float[] dst, int off) {
        Row row = ahead.isEmpty() ? fetch() : ahead.removeFirst();
        if (row == null) {
            return false;
        }
        CSVRecord r = row.record();
        if (r.size() != width) {
            throw new DatasetException(source + ": row " + row.line() + ": expected " + width + " cells ("
                    + widthFrom + "), found " + r.size());
        }
        int[] features = columns.features();
        for (int j = 0; j < features.length; j++) {
            dst[off + j] = number(r.get(features[j]), row.line(), features[j]);
        }
        if (columns.label() >= 0) {
            label = label(r.get(columns.label()), row.line());
        }
        return true;
    }

    private float number(String text, long line, int col) {
        if (text.isEmpty()) {
            throw cellError(line, col, "expected a number, got an empty cell");
        }
        if (CsvNumbers.isNonFinite(text)) {
            throw cellError(line, col, "expected a finite number, got '" + text + "'");
        }
        if (!CsvNumbers.isDecimal(text)) {
            throw cellError(line, col, "expected a number, got '" + text + "'");
        }
        float v = (float) Double.parseDouble(text);
        if (!Float.isFinite(v)) {
            throw cellError(line, col, "expected a finite number within the float32 range, got '" + text + "'");
        }
        return v;
    }

    private int label(String text, long line) {
        if (text.isEmpty()) {
            throw cellError(line, columns.label(), "expected a label, got an empty cell");
        }
        if (integerLabels == null) {
            integerLabels = CsvNumbers.isInteger(text);
        }
        if (!integerLabels) {
            return labelIds.computeIfAbsent(text, t -> labelIds.size());
        }
        if (!CsvNumbers.isInteger(text)) {
            throw cellError(line, columns.label(), "expected an integer label (the first row's label is an "
                    + "integer), got '" + text + "'");
        }
        return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    }

    private DatasetException cellError(long line, int col, String what) {
        String c = header != null ? "'" + header.get(col) + "'" : Integer.toString(col);
        return new DatasetException(source + ": row " + line + ", column " + c + ": " + what);
    }

    private boolean looksLikeHeader(Row first) {
        Row second = peek();
        List<String> a = first.record().toList();
        for (int j = 0; j < a.size(); j++) {
            if (!CsvNumbers.isNumberLike(a.get(j))) {
                if (second == null || j >= second.record().size()
                        || CsvNumbers.isNumberLike(second.record().get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Row peek() {
        if (ahead.isEmpty()) {
            Row r = fetch();
            if (r == null) {
                return null;
            }
            ahead.addLast(r);
        }
        return ahead.peekLast();
    }

    /** The next record that is not a blank line, with its line number; null at the end. */
    private Row fetch() {
        try {
            while (true) {
                long before = parser.getCurrentLineNumber();
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord r = records.next();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                return new Row(r, before + 1);
            }
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause());
        } catch (IllegalStateException e) {
            throw malformed(e);
        }
    }

    private DatasetException malformed(Throwable e) {
        if (e instanceof EOFException || e instanceof ZipException) {
            return Inputs.failure(source, EXPECTED, (IOException) e);
        }
        return new DatasetException(source + ": malformed CSV: " + e.getMessage(), e);
    }

    private static List<String> names(CSVRecord r) {
        return List.copyOf(r.toList());
    }

    /** The file as UTF-8 text, gunzipped when compressed, past a byte order mark if it starts with one. */
    private static BufferedReader withoutBom(Path file) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(Inputs.open(file, EXPECTED),
                StandardCharsets.UTF_8), Inputs.BUFFER);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing was written; the file is only being read
        }
    }
}
