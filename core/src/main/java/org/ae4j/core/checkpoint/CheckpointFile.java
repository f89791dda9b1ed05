package org.ae4j.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary layout of a checkpoint file, all numbers big-endian:
 *
 * <pre>
 * magic    8 bytes  "AE4JCKPT"
 * version  u32      format version (1)
 * length   u64      total file length in bytes, checksum included
 * count    u32      number of entries
 * entry*   type u8, name (u16 length + UTF-8), payload:
 *            1 long: i64 | 2 double: f64 | 3 string: u32 length + UTF-8
 *            4 float[]: u32 n + n f32 | 5 int[]: u32 n + n i32 | 6 double[]: u32 n + n f64
 * crc32    u32      CRC-32 of every byte before it
 * </pre>
 *
 * The reader checks the magic, version, length and checksum before it interprets any entry.
 */
final class CheckpointFile {
    static final byte[] MAGIC = "AE4JCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** magic, version, length. */
    static final int HEADER = 8 + 4 + 8;
    private static final int MIN_SIZE = HEADER + 4 + 4;
    private static final int BUFFER = 1 << 16;

    private CheckpointFile() {
    }

    /** The exact size in bytes that {@link #write} produces. */
    static long size(Entries entries) {
        long n = MIN_SIZE;
        for (Map.Entry<String, Object> e : entries.all().entrySet()) {
            n += 1 + 2 + utf8(e.getKey()).length + payloadSize(e.getValue());
        }
        return n;
    }

    private static long payloadSize(Object v) {
        switch (Entries.Type.of(v)) {
            case LONG:
            case DOUBLE:
                return 8;
            case STRING:
                return 4 + utf8((String) v).length;
            case FLOATS:
                return 4 + 4L * ((float[]) v).length;
            case INTS:
                return 4 + 4L * ((int[]) v).length;
            case DOUBLES:
                return 4 + 8L * ((double[]) v).length;
        }
        throw new AssertionError();
    }

    /** Writes the entries; returns the number of bytes written. */
    static long write(Entries entries, WritableByteChannel ch) throws IOException {
        long size = size(entries);
        Out out = new Out(ch);
        out.buf.put(MAGIC);
        out.buf.putInt(VERSION);
        out.buf.putLong(size);
        out.buf.putInt(entries.all().size());
        for (Map.Entry<String, Object> e : entries.all().entrySet()) {
            Object v = e.getValue();
            byte[] name = utf8(e.getKey());
            if (name.length > 0xFFFF) {
                throw new IllegalArgumentException("checkpoint entry name too long: " + e.getKey().length());
            }
            out.ensure(3);
            out.buf.put((byte) Entries.Type.of(v).tag);
            out.buf.putShort((short) name.length);
            out.bytes(name);
            out.payload(v);
        }
        long written = out.finish();
        if (written != size) {
            throw new IllegalStateException("checkpoint writer produced " + written + " bytes, expected " + size);
        }
        return written;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads and verifies a whole file; errors are {@link MalformedCheckpointException}s with byte offsets. */
    static Entries read(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // read until full or end of file
        }
        head.flip();
        int magicBytes = Math.min(head.limit(), MAGIC.length);
        for (int i = 0; i < magicBytes; i++) {
            if (head.get(i) != MAGIC[i]) {
                byte[] found = new byte[magicBytes];
                head.get(0, found);
                throw new MalformedCheckpointException("not an ae4j checkpoint: bad magic (expected \"AE4JCKPT\", found "
                        + printable(found) + ")");
            }
        }
        if (size < MIN_SIZE) {
            throw new MalformedCheckpointException("truncated at byte " + size + ": a checkpoint has at least "
                    + MIN_SIZE + " bytes");
        }
        int version = head.getInt(8);
        if (version != VERSION) {
            throw new MalformedCheckpointException("format version " + Integer.toUnsignedString(version)
                    + " is not supported (this ae4j reads version " + VERSION + ")");
        }
        long length = head.getLong(12);
        if (size < length) {
            throw new MalformedCheckpointException("truncated at byte " + size + ": the header declares " + length
                    + " bytes");
        }
        if (size > length) {
            throw new MalformedCheckpointException("file has " + size + " bytes, but the header declares " + length
                    + ": unexpected data after byte " + length);
        }
        verifyChecksum(ch, size);
        BoundedReader in = new BoundedReader(ch, HEADER, size - 4);
        long count = Integer.toUnsignedLong(in.i32("entry count"));
        Entries entries = new Entries();
        for (long i = 0; i < count; i++) {
            long at = in.pos();
            int tag = in.u8("entry type");
            Entries.Type type = Entries.Type.ofTag(tag);
            if (type == null) {
                throw new MalformedCheckpointException("unknown entry type " + tag + " at byte " + at);
            }
            int nameLength = in.u16("entry name");
            String name = new String(in.bytes(nameLength, "entry name"), StandardCharsets.UTF_8);
            try {
                entries.put(name, in.payload(type, name));
            } catch (IllegalArgumentException e) {
                throw new MalformedCheckpointException(e.getMessage() + " at byte " + at);
            }
        }
        if (in.pos() != size - 4) {
            throw new MalformedCheckpointException((size - 4 - in.pos()) + " unexpected bytes after the last entry, at byte "
                    + in.pos());
        }
        return entries;
    }

    private static void verifyChecksum(FileChannel ch, long size) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        long end = size - 4;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(BUFFER, end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new MalformedCheckpointException("truncated at byte " + pos + " while reading");
            }
            crc.update(buf.array(), 0, n);
            pos += n;
        }
        ByteBuffer stored = ByteBuffer.allocate(4);
        while (stored.hasRemaining()) {
            if (ch.read(stored, end + stored.position()) < 0) {
                throw new MalformedCheckpointException("truncated at byte " + (end + stored.position()) + " while reading");
            }
        }
        long expected = Integer.toUnsignedLong(stored.getInt(0));
        if (expected != crc.getValue()) {
            throw new MalformedCheckpointException(String.format("checksum mismatch: stored CRC-32 %08x, computed %08x "
                    + "over bytes 0..%d (the file is corrupted)", expected, crc.getValue(), end));
        }
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            sb.append(x >= 0x20 && x < 0x7F ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xFF));
        }
        return sb.append('"').toString();
    }

    /** A buffered writer that checksums everything it writes. */
    private static final class Out {
        final WritableByteChannel ch;
        final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        final CRC32 crc = new CRC32();
        long written;

        Out(WritableByteChannel ch) {
            this.ch = ch;
        }

        void ensure(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void flush() throws IOException {
            buf.flip();
            crc.update(buf.array(), 0, buf.limit());
            drain();
        }

        private void drain() throws IOException {
            written += buf.remaining();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        void bytes(byte[] b) throws IOException {
            int i = 0;
            while (i < b.length) {
                ensure(1);
                int n = Math.min(b.length - i, buf.remaining());
                buf.put(b, i, n);
                i += n;
            }
        }

        void payload(Object v) throws IOException {
            ensure(8);
            if (v instanceof Long l) {
                buf.putLong(l);
            } else if (v instanceof Double d) {
                buf.putDouble(d);
            } else if (v instanceof String s) {
                byte[] b = utf8(s);
                buf.putInt(b.length);
                bytes(b);
            } else if (v instanceof float[] a) {
                buf.putInt(a.length);
                for (int i = 0; i < a.length;) {
                    ensure(4);
                    int n = Math.min(a.length - i, buf.remaining() / 4);
                    buf.asFloatBuffer().put(a, i, n);
                    buf.position(buf.position() + 4 * n);
                    i += n;
                }
            } else if (v instanceof int[] a) {
                buf.putInt(a.length);
                for (int i = 0; i < a.length;) {
                    ensure(4);
                    int n = Math.min(a.length - i, buf.remaining() / 4);
                    buf.asIntBuffer().put(a, i, n);
                    buf.position(buf.position() + 4 * n);
                    i += n;
                }
            } else {
                double[] a = (double[]) v;
                buf.putInt(a.length);
                for (int i = 0; i < a.length;) {
                    ensure(8);
                    int n = Math.min(a.length - i, buf.remaining() / 8);
                    buf.asDoubleBuffer().put(a, i, n);
                    buf.position(buf.position() + 8 * n);
                    i += n;
                }
            }
        }

        /** Flushes and appends the checksum; returns the total bytes written. */
        long finish() throws IOException {
            flush();
            buf.putInt((int) crc.getValue());
            buf.flip();
            drain();
            return written;
        }
    }
}
