package org.ae4j.datasets;

import static org.ae4j.datasets.NpyFixtures.numpy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads .npy files NumPy wrote (datasets/scripts/make-npy-fixtures.py): v[i, j] = i + j / 10. */
class NpyReaderTest {
    private static final float[] GRID = {0f, 0.1f, 1f, 1.1f, 2f, 2.1f};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"f4-v1.npy", "f4-v2.npy", "f4-v3.npy"})
    void everyFormatVersionReadsTheSameRows(String name) {
        Dataset d = new NpyReader().read(numpy(dir, name));

        assertEquals(3, d.rows());
        assertEquals(2, d.cols());
        assertArrayEquals(GRID, d.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8.npy", "f4-big-endian.npy", "f8-big-endian.npy"})
    void float64AndBigEndianDataReadAsFloat32(String name) {
        assertArrayEquals(GRID, new NpyReader().read(numpy(dir, name)).values());
    }

    @Test
    void uint8IsReadAsItsValues() {
        assertArrayEquals(new float[] {0, 1, 10, 11, 20, 21}, new NpyReader().read(numpy(dir, "u1.npy")).values());
    }

    @Test
    void aScaleMultipliesEveryValue() {
        Dataset d = new NpyReader().withScale(1 / 255.0).read(numpy(dir, "u1.npy"));

        assertEquals(21 / 255f, d.get(2, 1), 1e-7f);
    }

    @Test
    void aOneDimensionalArrayIsOneColumn() {
        Dataset d = new NpyReader().read(numpy(dir, "f4-1d.npy"));

        assertEquals(4, d.rows());
        assertEquals(1, d.cols());
        assertEquals(3.5f, d.get(3, 0));
    }

    @Test
    void dimensionsAfterTheFirstAreFlattenedIntoARow() {
        Dataset d = new NpyReader().read(numpy(dir, "f4-3d.npy"));

        assertEquals(2, d.rows());
        assertEquals(6, d.cols());
        assertEquals(11f, d.get(1, 5));
    }

    @Test
    void aRowLimitReadsOnlyTheFirstRows() {
        Dataset d = new NpyReader().withLimit(2).read(numpy(dir, "f4-v1.npy"));

        assertEquals(2, d.rows());
        assertEquals(1.1f, d.get(1, 1));
    }

    @Test
    void integerLabelsReadFromInt64AndUint8() {
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, new NpyReader().readLabels(numpy(dir, "labels-i8.npy")));
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, new NpyReader().readLabels(numpy(dir, "labels-u1.npy")));
    }

    @Test
    void aGzipNpyFileIsReadLikeAPlainOne() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("x.npy.gz"), IdxFixtures.gzip(NpyFixtures.floats(1, 2, 4f, 5f)));

        assertArrayEquals(new float[] {4f, 5f}, new NpyReader().read(f).values());
    }

    @Test
    void theSourceIsTheFile() {
        Path f = numpy(dir, "f8.npy");

        assertEquals(f.toString(), new NpyReader().read(f).source());
        assertFalse(new NpyReader().read(f).hasLabels());
    }
}
