package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes .npy files for tests, and finds the ones NumPy wrote (scripts/make-npy-fixtures.py). */
final class NpyFixtures {
    private NpyFixtures() {}

    /** A .npy file of format version 1.0 with the given header dict and data bytes. */
    static byte[] npy(String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(DataFormat.NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text).put(data);
        return b.array();
    }

    /** The header dict NumPy writes for C-order data. */
    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    /** Little-endian float32 bytes. */
    static byte[] f4(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** A little-endian float32 .npy file of shape (rows, cols) holding {@code values}. */
    static byte[] floats(int rows, int cols, float... values) {
        return npy(dict("<f4", "(" + rows + ", " + cols + ")"), f4(values));
    }

    /** A file NumPy wrote, copied into {@code dir}. */
    static Path numpy(Path dir, String name) {
        try (InputStream in = NpyFixtures.class.getResourceAsStream("npy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource npy/" + name + ": expected it, found none");
            }
            Path f = dir.resolve(name);
            Files.copy(in, f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
