package org.ae4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFixtures {
    private IdxFixtures() {}

    /** IDX bytes: the magic number, the dimensions, then {@code data} as given. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** uint8 images, pixel (i, j) = (7·i + j) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                data[i * rows * cols + j] = (byte) pixel(i, j);
            }
        }
        return idx(IdxReader.MAGIC_IMAGES, new int[] {n, rows, cols}, data);
    }

    /** The value {@link #images} stores at item i, position j. */
    static int pixel(int i, int j) {
        return (7 * i + j) % 256;
    }

    /** uint8 labels, label i = i mod 10. */
    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return idx(IdxReader.MAGIC_LABELS, new int[] {n}, data);
    }

    /** Big-endian float32 data of shape n x d. */
    static byte[] floats(int n, int d, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            b.putFloat(v);
        }
        return idx(0x00000D02, new int[] {n, d}, b.array());
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /** Writes a split of a 10x2x3 dataset in the MNIST layout (gzip) into {@code dir}; returns {@code dir}. */
    static Path mnistSplit(Path dir, Split split, int n) throws IOException {
        write(dir.resolve(MnistLayout.imagesName(split)), gzip(images(n, 2, 3)));
        write(dir.resolve(MnistLayout.labelsName(split)), gzip(labels(n)));
        return dir;
    }
}
