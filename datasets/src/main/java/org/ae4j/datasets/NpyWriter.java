package org.ae4j.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.ae4j.core.data.Dataset;

/**
 * Writes a 2-D float32 array ({@code <f4}, C order, format version 1.0) as a .npy file, rows appended a batch at
 * a time, so output larger than memory can be written. The file is written beside the target under a temporary
 * name and moved into place by {@link #commit()}; closing without committing deletes it, so an existing file
 * is never replaced by a partial one:
 *
 * <pre>{@code
 * try (NpyWriter w = NpyWriter.create(out, 32)) {
 *     for (...) w.append(batch);
 *     w.commit();
 * }
 * }</pre>
 */
public final class NpyWriter implements AutoCloseable {
    /** The row count is known only at {@link #commit()}: the header first reserves room for the longest. */
    private static final long PLACEHOLDER_ROWS = Long.MAX_VALUE;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final int cols;
    private final int headerBytes;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long rows;
    private boolean done;

    private NpyWriter(Path target, int cols) throws IOException {
        this.target = target;
        this.cols = cols;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        byte[] header = header(PLACEHOLDER_ROWS, cols, 0);
        this.headerBytes = header.length;
        channel.write(ByteBuffer.wrap(header));
    }

    /** Starts writing rows of {@code cols} values to {@code file}. */
    public static NpyWriter create(Path file, int cols) {
        Objects.requireNonNull(file, "file");
        if (cols < 1) {
            throw new IllegalArgumentException("cols: expected at least 1, got " + cols);
        }
        try {
            return new NpyWriter(file, cols);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} (its values; labels are not written) to {@code file}, replacing it only when complete. */
    public static void write(Path file, Dataset data) {
        write(file, data.values(), data.rows(), data.cols());
    }

    /** Writes {@code rows} x {@code cols} row-major values to {@code file}, replacing it only when complete. */
    public static void write(Path file, float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(file + ": expected " + ((long) rows * cols) + " values for " + rows
                    + "x" + cols + ", got " + values.length);
        }
        try (NpyWriter w = create(file, cols)) {
            w.append(values, 0, rows);
            w.commit();
        }
    }

    /** Values per row. */
    public int cols() {
        return cols;
    }

    /** Rows appended so far. */
    public long rows() {
        return rows;
    }

    /** Appends the rows of {@code batch}; it must have {@link #cols()} columns. */
    public void append(Dataset batch) {
        if (batch.cols() != cols) {
            throw new IllegalArgumentException(target + ": expected rows of " + cols + " values, got "
                    + batch.source() + " with " + batch.cols());
        }
        append(batch.values(), 0, batch.rows());
    }

    /** Appends {@code n} rows read from {@code values} starting at {@code offset}. */
    public void append(float[] values, int offset, int n) {
        if (done) {
            throw new IllegalStateException(target + ": the writer is already committed or closed");
        }
        long count = (long) n * cols;
        if (n < 0 || offset < 0 || offset + count > values.length) {
            throw new IllegalArgumentException(target + ": expected " + n + " rows of " + cols + " values from "
                    + "offset " + offset + ", but the array holds " + values.length + " values");
        }
        try {
            for (long i = 0; i < count; i++) {
                if (buffer.remaining() < 4) {
                    flush();
                }
                buffer.putFloat(values[(int) (offset + i)]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        }
        rows += n;
    }

    /** Writes the row count into the header and moves the finished file into place (atomically when possible). */
    public void commit() {
        if (done) {
            throw new IllegalStateException(target + ": the writer is already committed or closed");
        }
        try {
            flush();
            channel.write(ByteBuffer.wrap(header(rows, cols, headerBytes)), 0);
            channel.force(false);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (!done) {
                close();
            }
        }
    }

    /** Discards the output unless it was committed; never throws. */
    @Override
    public void close() {
        if (done && !channel.isOpen()) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException e) {
            // discarding anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a temporary name, never taken for output
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * The magic string, version 1.0, the header length and the dict, padded with spaces to {@code size} bytes
     * (0: to a multiple of 64, as NumPy does) and ended by a newline.
     */
    static byte[] header(long rows, int cols, int size) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = size > 0 ? size : (10 + dict.length() + 1 + 63) / 64 * 64;
        int textLen = total - 10;
        StringBuilder text = new StringBuilder(dict);
        while (text.length() < textLen - 1) {
            text.append(' ');
        }
        text.append('\n');
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(DataFormat.NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) textLen);
        b.put(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
