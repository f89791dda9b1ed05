package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The header of an IDX file: a big-endian magic number {@code 0x0000TTNN} (TT the element type code, NN the
 * number of dimensions) followed by NN big-endian int32 dimension sizes.
 *
 * @param source the file, for error messages
 * @param magic the magic number as read
 * @param type the element type
 * @param dims the dimension sizes, each at least 1; dims[0] is the number of items
 */
record IdxHeader(String source, int magic, IdxType type, int[] dims) {

    /** Reads and checks a header; {@code expectedMagic} describes the accepted magic numbers for errors. */
    static IdxHeader read(String source, InputStream in, String expectedMagic) throws IOException {
        byte[] m = new byte[4];
        int got = IdxReader.readFully(in, m, 0, 4);
        if (got == 0) {
            throw new DatasetException(source + ": empty file: expected an IDX file (a 4-byte magic number, "
                    + "dimensions, data), found 0 bytes");
        }
        if (got < 4) {
            throw new DatasetException(source + ": truncated header: expected at least 4 bytes (the magic number), "
                    + "found " + got);
        }
        int magic = bigEndianInt(m, 0);
        IdxType type = (magic >>> 16) == 0 ? IdxType.of((magic >>> 8) & 0xFF) : null;
        int ndim = magic & 0xFF;
        if (type == null || ndim == 0) {
            throw new DatasetException(source + ": wrong magic number: expected " + expectedMagic + ", found "
                    + hex(magic) + (isText(m) ? " (text, not an IDX file)" : ""));
        }
        byte[] d = new byte[4 * ndim];
        int gotDims = IdxReader.readFully(in, d, 0, d.length);
        if (gotDims < d.length) {
            throw new DatasetException(source + ": truncated header: expected " + (4 + d.length)
                    + " bytes (magic number " + hex(magic) + " and " + ndim + " dimension sizes), found "
                    + (4 + gotDims));
        }
        int[] dims = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            dims[i] = bigEndianInt(d, 4 * i);
        }
        IdxHeader header = new IdxHeader(source, magic, type, dims);
        for (int size : dims) {
            if (size < 1) {
                throw new DatasetException(source + ": wrong dimensions: expected every dimension size >= 1, found "
                        + header.shape());
            }
        }
        return header;
    }

    /** The number of items (the first dimension). */
    int items() {
        return dims[0];
    }

    /** The number of values in one item: the product of the dimensions after the first (1 for a 1-D file). */
    long valuesPerItem() {
        long n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The dimensions as {@code 60000x28x28}. */
    String shape() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** The magic number, type and shape, as {@code 0x00000803 (60000x28x28 ubyte)}. */
    String describe() {
        return hex(magic) + " (" + shape() + " " + type.label + ")";
    }

    static String hex(int value) {
        return String.format("0x%08X", value);
    }

    static int bigEndianInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static boolean isText(byte[] b) {
        for (byte c : b) {
            if (c < 0x09 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
