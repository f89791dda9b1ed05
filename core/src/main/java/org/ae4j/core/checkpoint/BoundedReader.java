package org.ae4j.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of checkpoint values over bytes [start, limit) of a file; a value that would run past limit
 * fails with a {@link MalformedCheckpointException} naming the byte offset.
 */
final class BoundedReader {
    private final FileChannel ch;
    private final long limit;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long filePos;

    BoundedReader(FileChannel ch, long start, long limit) {
        this.ch = ch;
        this.limit = limit;
        this.filePos = start;
        buf.flip();
    }

    long pos() {
        return filePos - buf.remaining();
    }

    /** Fails unless n more bytes lie before the limit. */
    private void need(long n, String what) throws IOException {
        if (pos() + n > limit) {
            throw new MalformedCheckpointException("truncated at byte " + limit + ": " + what + " needs " + n
                    + " bytes at byte " + pos());
        }
    }

    private void fill(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        buf.compact();
        while (buf.position() < n) {
            buf.limit((int) Math.min(buf.capacity(), buf.position() + (limit - filePos)));
            int r = ch.read(buf, filePos);
            if (r <= 0) {
                throw new MalformedCheckpointException("truncated at byte " + filePos + " while reading");
            }
            filePos += r;
        }
        buf.flip();
    }

    int u8(String what) throws IOException {
        need(1, what);
        fill(1);
        return buf.get() & 0xFF;
    }

    int u16(String what) throws IOException {
        need(2, what);
        fill(2);
        return buf.getShort() & 0xFFFF;
    }

    int i32(String what) throws IOException {
        need(4, what);
        fill(4);
        return buf.getInt();
    }

    private int count(String name, int width) throws IOException {
        long n = Integer.toUnsignedLong(i32("entry '" + name + "'"));
        need(n * width, "entry '" + name + "'");
        if (n * width > Integer.MAX_VALUE - 8) {
            throw new MalformedCheckpointException("entry '" + name + "': " + n + " values is too many");
        }
        return (int) n;
    }

    byte[] bytes(int n, String what) throws IOException {
        need(n, what);
        byte[] out = new byte[n];
        for (int i = 0; i < n;) {
            fill(1);
            int k = Math.min(n - i, buf.remaining());
            buf.get(out, i, k);
            i += k;
        }
        return out;
    }

    Object payload(Entries.Type type, String name) throws IOException {
        String what = "entry '" + name + "'";
        switch (type) {
            case LONG:
                need(8, what);
                fill(8);
                return buf.getLong();
            case DOUBLE:
                need(8, what);
                fill(8);
                return buf.getDouble();
            case STRING:
                return new String(bytes(count(name, 1), what), StandardCharsets.UTF_8);
            case FLOATS: {
                float[] a = new float[count(name, 4)];
                for (int i = 0; i < a.length;) {
                    fill(4);
                    int k = Math.min(a.length - i, buf.remaining() / 4);
                    buf.asFloatBuffer().get(a, i, k);
                    buf.position(buf.position() + 4 * k);
                    i += k;
                }
                return a;
            }
            case INTS: {
                int[] a = new int[count(name, 4)];
                for (int i = 0; i < a.length;) {
                    fill(4);
                    int k = Math.min(a.length - i, buf.remaining() / 4);
                    buf.asIntBuffer().get(a, i, k);
                    buf.position(buf.position() + 4 * k);
                    i += k;
                }
                return a;
            }
            case DOUBLES: {
                double[] a = new double[count(name, 8)];
                for (int i = 0; i < a.length;) {
                    fill(8);
                    int k = Math.min(a.length - i, buf.remaining() / 8);
                    buf.asDoubleBuffer().get(a, i, k);
                    buf.position(buf.position() + 8 * k);
                    i += k;
                }
                return a;
            }
        }
        throw new AssertionError();
    }
}
