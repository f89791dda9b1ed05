package org.ae4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files, decompressing gzip (by its magic bytes, not the name), and turns I/O failures into errors. */
final class Inputs {
    static final int BUFFER = 1 << 16;

    private Inputs() {}

    /** Opens {@code file} for reading, gunzipping it when it starts with the gzip magic bytes 0x1f8b. */
    static InputStream open(Path file, String expected) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": expected " + expected + ", found a directory");
        }
        return decompress(Files.newInputStream(file));
    }

    /** Wraps {@code raw} in a buffer, and in a gzip decoder when it starts with 0x1f8b. */
    static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }

    /** True when the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) {
        byte[] b = head(file, 2, false);
        return b.length == 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
    }

    /** Up to {@code n} bytes from the start of {@code file}, after gunzipping when {@code gunzip} is set. */
    static byte[] head(Path file, int n, boolean gunzip) {
        return call(file.toString(), "a data file", () -> {
            try (InputStream in = gunzip ? open(file, "a data file") : Files.newInputStream(file)) {
                byte[] b = new byte[n];
                int got = readFully(in, b, 0, n);
                return got == n ? b : java.util.Arrays.copyOf(b, got);
            }
        });
    }

    /** Reads up to {@code len} bytes; returns how many were read (fewer only at the end of the stream). */
    static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        return IdxReader.readFully(in, b, off, len);
    }

    /** Runs {@code body}, turning I/O failures on {@code name} into {@link DatasetException}s. */
    static <T> T call(String name, String expected, Body<T> body) {
        try {
            return body.run();
        } catch (IOException e) {
            throw failure(name, expected, e);
        } catch (UncheckedIOException e) {
            throw failure(name, expected, e.getCause());
        }
    }

    /** The error for an I/O failure while reading {@code name}. */
    static DatasetException failure(String name, String expected, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DatasetException(name + ": no such file (expected " + expected + ")", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DatasetException(name + ": cannot read the file (permission denied)", e);
        }
        if (e instanceof ZipException) {
            return new DatasetException(name + ": corrupt gzip data: " + e.getMessage(), e);
        }
        if (e instanceof EOFException) {
            return new DatasetException(name + ": truncated file: the gzip stream ends early", e);
        }
        return new DatasetException(name + ": cannot read: " + e.getMessage(), e);
    }

    /** Something that reads and may fail with an I/O error. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }
}
