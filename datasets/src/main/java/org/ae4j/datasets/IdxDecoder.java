package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongFunction;

/** Decodes the big-endian data section of an IDX file into float or int arrays, a chunk at a time. */
final class IdxDecoder {
    /** Bytes read per chunk; a multiple of every element size. */
    private static final int CHUNK = 1 << 20;

    private IdxDecoder() {}

    /** Reads {@code out.length} values of the data that follows {@code h}, each multiplied by {@code scale}. */
    static void readFloats(IdxHeader h, int rows, InputStream in, float[] out, double scale) throws IOException {
        long bytes = (long) out.length * h.type().size;
        decode(h, in, out, scale, found -> truncated(h, rows, bytes, found));
    }

    /**
     * Reads the next {@code out.length} values of a file read a batch at a time; {@code before} is how many
     * data bytes were read already, for the message when the file ends early.
     */
    static void readBatch(IdxHeader h, InputStream in, float[] out, double scale, long before) throws IOException {
        long total = h.items() * h.valuesPerItem() * h.type().size;
        decode(h, in, out, scale, found -> new DatasetException(h.source() + ": truncated file: expected " + total
                + " bytes of data for " + h.describe() + ", found " + (before + found)));
    }

    private static void decode(IdxHeader h, InputStream in, float[] out, double scale,
            LongFunction<DatasetException> truncated) throws IOException {
        IdxType type = h.type();
        long bytes = (long) out.length * type.size;
        byte[] buf = new byte[(int) Math.min(CHUNK, bytes)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        float[] lut = type == IdxType.UBYTE || type == IdxType.BYTE ? byteTable(type, scale) : null;
        long done = 0;
        int pos = 0;
        while (done < bytes) {
            int want = (int) Math.min(buf.length, bytes - done);
            int got = IdxReader.readFully(in, buf, 0, want);
            if (got < want) {
                throw truncated.apply(done + got);
            }
            int n = want / type.size;
            switch (type) {
                case UBYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = lut[buf[i] & 0xFF];
                    }
                }
                case BYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = lut[buf[i] + 128];
                    }
                }
                case SHORT -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = (float) (bb.getShort(2 * i) * scale);
                    }
                }
                case INT -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = (float) (bb.getInt(4 * i) * scale);
                    }
                }
                case FLOAT -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = (float) (bb.getFloat(4 * i) * scale);
                    }
                }
                case DOUBLE -> {
                    for (int i = 0; i < n; i++) {
                        out[pos + i] = (float) (bb.getDouble(8 * i) * scale);
                    }
                }
            }
            pos += n;
            done += want;
        }
    }

    /** Reads {@code out.length} integer values of the data that follows {@code h} (an integral type). */
    static void readInts(IdxHeader h, InputStream in, int[] out) throws IOException {
        IdxType type = h.type();
        long bytes = (long) out.length * type.size;
        byte[] buf = new byte[(int) Math.min(CHUNK, bytes)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        long done = 0;
        int pos = 0;
        while (done < bytes) {
            int want = (int) Math.min(buf.length, bytes - done);
            int got = IdxReader.readFully(in, buf, 0, want);
            if (got < want) {
                throw truncated(h, out.length, bytes, done + got);
            }
            int n = want / type.size;
            for (int i = 0; i < n; i++) {
                out[pos + i] = switch (type) {
                    case UBYTE -> buf[i] & 0xFF;
                    case BYTE -> buf[i];
                    case SHORT -> bb.getShort(2 * i);
                    case INT -> bb.getInt(4 * i);
                    case FLOAT, DOUBLE -> throw new IllegalStateException("labels of type " + type.label);
                };
            }
            pos += n;
            done += want;
        }
    }

    /** The scaled value of every byte, indexed by the unsigned byte (UBYTE) or the signed byte + 128 (BYTE). */
    private static float[] byteTable(IdxType type, double scale) {
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) {
            t[i] = (float) ((type == IdxType.UBYTE ? i : i - 128) * scale);
        }
        return t;
    }

    private static DatasetException truncated(IdxHeader h, int rows, long expected, long found) {
        String of = rows == h.items() ? h.describe() : "the first " + rows + " items of " + h.describe();
        return new DatasetException(h.source() + ": truncated file: expected " + expected + " bytes of data for "
                + of + ", found " + found);
    }
}
