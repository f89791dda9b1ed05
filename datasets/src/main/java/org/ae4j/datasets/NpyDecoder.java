package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Decodes the data section of a .npy file into float or int arrays, a chunk at a time. */
final class NpyDecoder {
    private static final int CHUNK = 1 << 20;

    private NpyDecoder() {}

    /**
     * Reads {@code count} values into {@code out} from {@code off}, each times {@code scale}; {@code before}
     * is how many data bytes were read already (for the truncation message). Every value must be finite.
     */
    static void readFloats(NpyHeader h, InputStream in, float[] out, int off, int count, double scale, long before)
            throws IOException {
        NpyType type = h.type();
        long bytes = (long) count * type.size;
        byte[] buf = new byte[(int) Math.min(CHUNK, bytes)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(h.order());
        long done = 0;
        int pos = off;
        while (done < bytes) {
            int want = (int) Math.min(buf.length, bytes - done);
            int got = Inputs.readFully(in, buf, 0, want);
            if (got < want) {
                throw truncated(h, before + done + got);
            }
            int n = want / type.size;
            for (int i = 0; i < n; i++) {
                float v = (float) (value(type, bb, i) * scale);
                if (!Float.isFinite(v)) {
                    long flat = (before + done) / type.size + i;
                    throw new DatasetException(h.source() + ": row " + flat / h.cols() + ", column " + flat % h.cols()
                            + " (0-based): expected a finite number, got " + value(type, bb, i));
                }
                out[pos + i] = v;
            }
            pos += n;
            done += want;
        }
    }

    /** Reads {@code out.length} integer values (an integral type) that must each fit an int. */
    static void readInts(NpyHeader h, InputStream in, int[] out) throws IOException {
        NpyType type = h.type();
        long bytes = (long) out.length * type.size;
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, bytes))];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(h.order());
        long done = 0;
        int pos = 0;
        while (done < bytes) {
            int want = (int) Math.min(buf.length, bytes - done);
            int got = Inputs.readFully(in, buf, 0, want);
            if (got < want) {
                throw truncated(h, done + got);
            }
            int n = want / type.size;
            for (int i = 0; i < n; i++) {
                double v = value(type, bb, i);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new DatasetException(h.source() + ": label " + (pos + i) + " (0-based): expected a value "
                            + "that fits an int, got " + (long) v);
                }
                out[pos + i] = (int) v;
            }
            pos += n;
            done += want;
        }
    }

    private static double value(NpyType type, ByteBuffer bb, int i) {
        return switch (type) {
            case FLOAT32 -> bb.getFloat(4 * i);
            case FLOAT64 -> bb.getDouble(8 * i);
            case UINT8 -> bb.get(i) & 0xFF;
            case INT8 -> bb.get(i);
            case INT16 -> bb.getShort(2 * i);
            case INT32 -> bb.getInt(4 * i);
            case INT64 -> bb.getLong(8 * i);
            case UINT16 -> bb.getShort(2 * i) & 0xFFFF;
            case UINT32 -> bb.getInt(4 * i) & 0xFFFFFFFFL;
        };
    }

    /** Checks nothing follows the data the header announces. */
    static void expectEnd(NpyHeader h, InputStream in) throws IOException {
        if (in.read() >= 0) {
            throw new DatasetException(h.source() + ": wrong shape: expected " + h.dataBytes() + " bytes of data for "
                    + h.describe() + ", found more after them");
        }
    }

    static DatasetException truncated(NpyHeader h, long found) {
        return new DatasetException(h.source() + ": truncated data: expected " + h.dataBytes() + " bytes of data for "
                + h.describe() + ", found " + found);
    }
}
