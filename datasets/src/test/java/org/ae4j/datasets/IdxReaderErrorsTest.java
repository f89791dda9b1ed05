package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.idx;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.labels;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class IdxReaderErrorsTest {
    @TempDir
    Path dir;

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void wrongMagicNumberNamesTheFileTheExpectedAndTheFoundMagic() throws IOException {
        Path f = write(dir.resolve("bad.idx"), idx(0x12345678, new int[] {}, new byte[8]));

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "wrong magic number", "expected 0x00000803", "found 0x12345678");
    }

    @Test
    void aTextFileIsReportedAsNotIdx() throws IOException {
        Path f = write(dir.resolve("data.csv"), "a,b,c\n1,2,3\n".getBytes());

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "found 0x612C622C", "not an IDX file");
    }

    @Test
    void unknownTypeCodeIsAWrongMagicNumber() throws IOException {
        Path f = write(dir.resolve("x.idx"), idx(0x00000A02, new int[] {1, 1}, new byte[] {1}));

        assertContains(message(() -> new IdxReader().readData(f)), f.toString(), "found 0x00000A02");
    }

    @Test
    void truncatedHeaderNamesTheFileAndTheHeaderBytesExpectedAndFound() throws IOException {
        byte[] header = Arrays.copyOf(images(10, 28, 28), 10);
        Path f = write(dir.resolve("t.idx"), header);

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "truncated header", "expected 16 bytes", "found 10");
    }

    @Test
    void truncatedDataNamesTheFileAndTheDataBytesExpectedAndFound() throws IOException {
        byte[] cut = Arrays.copyOf(images(10, 28, 28), 16 + 5000);
        Path f = write(dir.resolve("t.idx"), cut);

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "truncated file", "expected 7840 bytes of data", "found 5000", "10x28x28");
    }

    @Test
    void truncatedGzipStreamIsATruncatedFile() throws IOException {
        byte[] gz = gzip(images(100, 28, 28));
        Path f = write(dir.resolve("t.gz"), Arrays.copyOf(gz, gz.length / 2));

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "truncated file", "expected 78400 bytes of data");
    }

    @Test
    void bytesAfterTheAnnouncedDataAreReportedAsWrongDimensions() throws IOException {
        byte[] longer = Arrays.copyOf(images(3, 2, 2), 16 + 12 + 4);
        Path f = write(dir.resolve("x.idx"), longer);

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "wrong dimensions", "expected 12 bytes of data", "found more");
    }

    @Test
    void aZeroDimensionIsRejectedAsWrongDimensions() throws IOException {
        Path f = write(dir.resolve("x.idx"), idx(IdxReader.MAGIC_IMAGES, new int[] {10, 0, 28}, new byte[0]));

        assertContains(message(() -> new IdxReader().readData(f)), f.toString(), "wrong dimensions", "10x0x28");
    }

    @Test
    void aLabelFileGivenWhereImagesAreExpectedIsRejected() throws IOException {
        Path f = write(dir.resolve("train-labels-idx1-ubyte"), labels(20));

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "a label file given where images are expected", "expected magic 0x00000803",
                "found 0x00000801");
    }

    @Test
    void anImageFileGivenWhereLabelsAreExpectedIsRejected() throws IOException {
        Path f = write(dir.resolve("im"), images(2, 2, 2));

        String m = message(() -> new IdxReader().readLabels(f));

        assertContains(m, f.toString(), "expected magic 0x00000801", "found 0x00000803");
    }

    @Test
    void labelCountNotMatchingImageCountNamesBothFilesAndCounts() throws IOException {
        Path im = write(dir.resolve("im.gz"), gzip(images(10, 2, 2)));
        Path lb = write(dir.resolve("lb.gz"), gzip(labels(9)));

        String m = message(() -> new IdxReader().read(im, lb));

        assertContains(m, "label count does not match image count", "expected 10 labels", im.toString(),
                "found 9", lb.toString());
    }

    @Test
    void labelCountIsCheckedAgainstTheHeadersEvenWithARowLimit() throws IOException {
        Path im = write(dir.resolve("im"), images(10, 2, 2));
        Path lb = write(dir.resolve("lb"), labels(9));

        assertContains(message(() -> new IdxReader().withLimit(5).read(im, lb)), "expected 10 labels", "found 9");
    }

    @Test
    void anEmptyFileIsRejectedNamingTheFile() throws IOException {
        Path f = write(dir.resolve("empty.idx"), new byte[0]);

        assertContains(message(() -> new IdxReader().readData(f)), f.toString(), "empty file", "found 0 bytes");
    }

    @Test
    void aNonexistentFileIsRejectedNamingTheFile() {
        Path f = dir.resolve("nope-images-idx3-ubyte.gz");

        assertContains(message(() -> new IdxReader().readData(f)), f.toString(), "no such file");
    }

    @Test
    void aDirectoryIsRejectedNamingIt() throws IOException {
        Path d = Files.createDirectory(dir.resolve("sub"));

        assertContains(message(() -> new IdxReader().readData(d)), d.toString(), "found a directory");
    }

    @Test
    void corruptGzipDataIsReportedNamingTheFile() throws IOException {
        byte[] gz = gzip(images(10, 28, 28));
        for (int i = 20; i < 60; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path f = write(dir.resolve("c.gz"), gz);

        assertContains(message(() -> new IdxReader().readData(f)), f.toString());
    }

    @Test
    void floatDataContainingNaNIsRejectedNamingTheRowAndColumn() throws IOException {
        Path f = write(dir.resolve("f.idx"), IdxFixtures.floats(3, 2, 0f, 1f, 2f, 3f, 4f, Float.NaN));

        String m = message(() -> new IdxReader().readData(f));

        assertContains(m, f.toString(), "row 2", "column 1", "NaN");
    }

    @Test
    void badScaleAndLimitNameTheField() {
        assertContains(message(() -> new IdxReader().withScale(Double.NaN)), "scale", "NaN");
        assertContains(message(() -> new IdxReader().withLimit(0)), "limit", "got 0");
    }
}
