package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.idx;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.labels;
import static org.ae4j.datasets.IdxFixtures.pixel;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void rawImagesBecomeOneRowOfRowsTimesColsValuesPerImage() throws IOException {
        Path f = write(dir.resolve("images.idx"), images(5, 3, 4));

        Dataset d = new IdxReader().readData(f);

        assertEquals(5, d.rows());
        assertEquals(12, d.cols());
        assertFalse(d.hasLabels());
        assertEquals(f.toString(), d.source());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(pixel(i, j), d.get(i, j));
            }
        }
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotByTheFileName() throws IOException {
        Path gzipped = write(dir.resolve("images.idx3-ubyte"), gzip(images(4, 2, 2)));
        Path raw = write(dir.resolve("raw.gz"), images(4, 2, 2));

        Dataset a = new IdxReader().readData(gzipped);
        Dataset b = new IdxReader().readData(raw);

        assertArrayEquals(b.values(), a.values());
        assertEquals(pixel(3, 3), a.get(3, 3));
    }

    @Test
    void uint8ValuesAbove127AreReadUnsigned() throws IOException {
        Path f = write(dir.resolve("x.idx"), idx(0x00000802, new int[] {1, 2}, new byte[] {(byte) 200, (byte) 255}));

        Dataset d = new IdxReader().readData(f);

        assertArrayEquals(new float[] {200f, 255f}, d.values());
    }

    @Test
    void scaleMultipliesEveryValueAndMapsUint8ToTheUnitInterval() throws IOException {
        Path f = write(dir.resolve("x.idx"), idx(0x00000802, new int[] {1, 3}, new byte[] {0, (byte) 51, (byte) 255}));

        Dataset d = new IdxReader().withScale(1 / 255.0).readData(f);

        assertArrayEquals(new float[] {0f, 0.2f, 1f}, d.values());
    }

    @Test
    void rowLimitReadsOnlyTheFirstItemsAndTheirLabels() throws IOException {
        Path im = write(dir.resolve("im.gz"), gzip(images(50, 2, 2)));
        Path lb = write(dir.resolve("lb.gz"), gzip(labels(50)));

        Dataset d = new IdxReader().withLimit(7).read(im, lb);

        assertEquals(7, d.rows());
        assertEquals(7, d.labels().length);
        assertEquals(pixel(6, 3), d.get(6, 3));
        assertEquals(6, d.labels()[6]);
    }

    @Test
    void rowLimitDoesNotReadPastTheItemsItKeeps() throws IOException {
        byte[] whole = images(10, 2, 2);
        byte[] cut = Arrays.copyOf(whole, 16 + 3 * 4);
        Path f = write(dir.resolve("cut.idx"), cut);

        Dataset d = new IdxReader().withLimit(3).readData(f);

        assertEquals(3, d.rows());
    }

    @Test
    void rowLimitAboveTheItemCountReadsEveryItem() throws IOException {
        Path f = write(dir.resolve("x.idx"), images(4, 2, 2));

        assertEquals(4, new IdxReader().withLimit(1000).readData(f).rows());
    }

    @Test
    void labelsAreReadAlongsideImages() throws IOException {
        Path im = write(dir.resolve("im"), images(12, 2, 2));
        Path lb = write(dir.resolve("lb"), labels(12));

        Dataset d = new IdxReader().read(im, lb);

        assertEquals(12, d.labels().length);
        assertEquals(1, d.labels()[11]);
    }

    @Test
    void twoDimensionalDataBecomesOneRowPerItem() throws IOException {
        Path f = write(dir.resolve("x.idx"), IdxFixtures.floats(2, 3, 1f, 2f, 3f, 4f, 5f, 6f));

        Dataset d = new IdxReader().readData(f);

        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertEquals(6f, d.get(1, 2));
    }

    @Test
    void signedByteShortIntAndDoubleDataAreDecodedBigEndian() throws IOException {
        Path b = write(dir.resolve("b"), idx(0x00000902, new int[] {1, 2}, new byte[] {-3, 127}));
        Path s = write(dir.resolve("s"), idx(0x00000B02, new int[] {1, 2},
                ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 1000).array()));
        Path i = write(dir.resolve("i"), idx(0x00000C02, new int[] {1, 2},
                ByteBuffer.allocate(8).putInt(-70000).putInt(123456).array()));
        Path d = write(dir.resolve("d"), idx(0x00000E02, new int[] {1, 2},
                ByteBuffer.allocate(16).putDouble(-0.25).putDouble(1e10).array()));
        IdxReader r = new IdxReader();

        assertArrayEquals(new float[] {-3f, 127f}, r.readData(b).values());
        assertArrayEquals(new float[] {-300f, 1000f}, r.readData(s).values());
        assertArrayEquals(new float[] {-70000f, 123456f}, r.readData(i).values());
        assertArrayEquals(new float[] {-0.25f, 1e10f}, r.readData(d).values());
    }

    @Test
    void labelFilesOfWiderIntegerTypesAreRead() throws IOException {
        Path f = write(dir.resolve("lb"), idx(0x00000C01, new int[] {2},
                ByteBuffer.allocate(8).putInt(1000).putInt(-1).array()));

        assertArrayEquals(new int[] {1000, -1}, new IdxReader().readLabels(f));
    }

    @Test
    void sixtyThousandImagesOf784PixelsReadWithinSeconds() throws IOException {
        int n = 60000;
        byte[] data = new byte[n * 784];
        new Random(1).nextBytes(data);
        Path f = write(dir.resolve("big-images-idx3-ubyte"), idx(IdxReader.MAGIC_IMAGES, new int[] {n, 28, 28}, data));
        IdxReader r = new IdxReader().withScale(1 / 255.0);

        Dataset d = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> r.readData(f));

        assertEquals(n, d.rows());
        assertEquals((data[data.length - 1] & 0xFF) / 255f, d.get(n - 1, 783), 1e-7f);
    }
}
