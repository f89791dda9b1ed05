package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a .npy file: the magic string {@code \x93NUMPY}, the format version (1.0, 2.0 or 3.0), the
 * header length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 784), }} padded with spaces and a newline.
 *
 * @param source the file, for error messages
 * @param version the format version, as {@code 1.0}
 * @param descr the dtype string, as {@code <f4}
 * @param type the element type
 * @param shape the array shape
 * @param dataOffset the byte offset of the data: the length of everything before it
 */
record NpyHeader(String source, String version, String descr, NpyType type, long[] shape, long dataOffset) {
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])(.*?)\\1");
    private static final Pattern STRUCTURED = Pattern.compile("['\"]descr['\"]\\s*:\\s*\\[");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final int MAX_HEADER = 1 << 24;

    /** Reads and checks a header; {@code in} is then at the first data byte. */
    static NpyHeader read(String source, InputStream in) throws IOException {
        byte[] pre = new byte[8];
        int got = Inputs.readFully(in, pre, 0, 8);
        if (got == 0) {
            throw new DatasetException(source + ": empty file: expected a .npy file (the magic string \\x93NUMPY, "
                    + "a header, data), found 0 bytes");
        }
        if (got < 6 || !DataFormat.startsWith(pre, DataFormat.NPY_MAGIC)) {
            throw new DatasetException(source + ": not a .npy file: expected the magic string \\x93NUMPY, found "
                    + hex(pre, got) + (isText(pre, got) ? " (text)" : ""));
        }
        if (got < 8) {
            throw new DatasetException(source + ": truncated header: expected at least 10 bytes, found " + got);
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        String version = major + "." + minor;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DatasetException(source + ": unsupported .npy format version: expected 1.0, 2.0 or 3.0, "
                    + "found " + version);
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] len = new byte[lenBytes];
        if (Inputs.readFully(in, len, 0, lenBytes) < lenBytes) {
            throw new DatasetException(source + ": truncated header: expected " + (8 + lenBytes)
                    + " bytes before the header text, found fewer");
        }
        long headerLen = 0;
        for (int i = lenBytes - 1; i >= 0; i--) {
            headerLen = headerLen << 8 | (len[i] & 0xFF);
        }
        if (headerLen > MAX_HEADER) {
            throw new DatasetException(source + ": bad header: expected a header of at most " + MAX_HEADER
                    + " bytes, found a length of " + headerLen);
        }
        byte[] text = new byte[(int) headerLen];
        int gotText = Inputs.readFully(in, text, 0, text.length);
        if (gotText < text.length) {
            throw new DatasetException(source + ": truncated header: expected " + headerLen + " bytes of header "
                    + "text, found " + gotText);
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        return parse(source, version, dict, 8 + lenBytes + headerLen);
    }

    private static NpyHeader parse(String source, String version, String dict, long offset) {
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (STRUCTURED.matcher(dict).find()) {
            throw new DatasetException(source + ": unsupported dtype: expected " + NpyType.ACCEPTED
                    + ", found a structured dtype in " + dict);
        }
        if (!dict.startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new DatasetException(source + ": bad header: expected a dict with 'descr', 'fortran_order' and "
                    + "'shape', found " + dict);
        }
        String descr = d.group(2);
        NpyType type = NpyType.of(descr);
        if (type == null) {
            throw new DatasetException(source + ": unsupported dtype '" + descr + "': expected " + NpyType.ACCEPTED);
        }
        if (f.group(1).equals("True")) {
            throw new DatasetException(source + ": fortran_order is True (column-major data): expected C order "
                    + "(row-major); save np.ascontiguousarray(a) instead");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.trim().replace("L", "");
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(p));
            } catch (NumberFormatException e) {
                throw new DatasetException(source + ": bad header: expected integer dimensions in 'shape', found ("
                        + s.group(1) + ")", e);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new NpyHeader(source, version, descr, type, shape, offset);
    }

    ByteOrder order() {
        return NpyType.order(descr);
    }

    /** The number of rows: the first dimension. */
    long rows() {
        return shape[0];
    }

    /** Values per row: 1 for a 1-D array, else the product of the dimensions after the first. */
    long cols() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Bytes of data the header announces. */
    long dataBytes() {
        return rows() * cols() * type.size;
    }

    /** The shape as NumPy prints it, as {@code (60000, 784)}. */
    String shapeText() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The shape and dtype, as {@code (60000, 784) <f4}. */
    String describe() {
        return shapeText() + " " + descr;
    }

    /** Checks the shape holds rows of data: at least 1 dimension and 1 row, no empty dimension. */
    NpyHeader requireRows() {
        if (shape.length == 0) {
            throw new DatasetException(source + ": wrong shape: expected 1 dimension (one column) or 2 (rows x "
                    + "columns), found a scalar, shape ()");
        }
        for (long d : shape) {
            if (d < 1) {
                throw new DatasetException(source + ": wrong shape: expected at least one row and one column, found "
                        + "shape " + shapeText());
            }
        }
        return this;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }

    private static boolean isText(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] < 0x09 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
