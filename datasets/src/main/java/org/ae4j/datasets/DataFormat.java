package org.ae4j.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** The file formats ae4j reads: IDX (MNIST's), CSV (or TSV) text, and NumPy's .npy; raw or gzip-compressed. */
public enum DataFormat {
    IDX,
    CSV,
    NPY;

    /** The magic string at the start of every .npy file. */
    static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern IDX_NAME = Pattern.compile(".*(\\.idx\\d*|[-.]idx\\d+-ubyte|-ubyte)");

    /** The lower-case name used on the command line: {@code idx}, {@code csv} or {@code npy}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code idx}, {@code csv} or {@code npy} (any case); {@code tsv} is CSV. */
    public static DataFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "idx" -> IDX;
            case "csv", "tsv" -> CSV;
            case "npy" -> NPY;
            default -> throw new DatasetException("format: expected idx, csv or npy, got '" + text + "'");
        };
    }

    /**
     * The format of {@code file}: by its name first ({@code .csv}/{@code .tsv}, {@code .npy}, {@code .idx},
     * {@code *-ubyte}, each optionally followed by {@code .gz}), then by its first bytes (after gunzipping):
     * the .npy magic, an IDX magic number, or text (CSV).
     */
    public static DataFormat detect(Path file) {
        DataFormat byName = byName(file);
        return byName != null ? byName : byMagic(file);
    }

    /** True when the name says tab-separated ({@code .tsv} or {@code .tsv.gz}). */
    static boolean isTsv(Path file) {
        return stem(file).endsWith(".tsv");
    }

    /** The format the file name says, or null. */
    static DataFormat byName(Path file) {
        String n = stem(file);
        if (n.endsWith(".csv") || n.endsWith(".tsv")) {
            return CSV;
        }
        if (n.endsWith(".npy")) {
            return NPY;
        }
        return IDX_NAME.matcher(n).matches() ? IDX : null;
    }

    private static String stem(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }

    private static DataFormat byMagic(Path file) {
        byte[] b = Inputs.head(file, 8, true);
        if (b.length == 0) {
            throw new DatasetException(file + ": empty file: expected an IDX, CSV or .npy file, found 0 bytes");
        }
        if (startsWith(b, NPY_MAGIC)) {
            return NPY;
        }
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && IdxType.of(b[2] & 0xFF) != null && b[3] > 0) {
            return IDX;
        }
        if (isText(b)) {
            return CSV;
        }
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            hex.append(String.format("%02x", x & 0xFF));
        }
        throw new DatasetException(file + ": unknown format: expected an IDX file (magic 0x0000TTNN), a .npy file "
                + "(\\x93NUMPY) or CSV text, found bytes 0x" + hex + "; name the format explicitly (idx, csv, npy)");
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0x7F);
    }
}
