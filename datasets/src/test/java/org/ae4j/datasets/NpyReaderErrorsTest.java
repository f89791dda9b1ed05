package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.write;
import static org.ae4j.datasets.NpyFixtures.dict;
import static org.ae4j.datasets.NpyFixtures.f4;
import static org.ae4j.datasets.NpyFixtures.npy;
import static org.ae4j.datasets.NpyFixtures.numpy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderErrorsTest {
    @TempDir
    Path dir;

    private static String message(Executable e) {
        return assertThrows(DatasetException.class, e).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void aFileWithoutTheMagicStringIsNotNpy() throws IOException {
        Path f = write(dir.resolve("x.npy"), "a,b\n1,2\n".getBytes());

        assertContains(message(() -> new NpyReader().read(f)), f.toString(), "not a .npy file",
                "expected the magic string \\x93NUMPY", "found 0x612c620a312c320a", "(text)");
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path f = write(dir.resolve("x.npy"), new byte[0]);

        assertContains(message(() -> new NpyReader().read(f)), f.toString(), "empty file");
    }

    @Test
    void anUnknownFormatVersionListsTheKnownOnes() throws IOException {
        byte[] b = NpyFixtures.floats(1, 1, 1f);
        b[6] = 4;
        Path f = write(dir.resolve("x.npy"), b);

        assertContains(message(() -> new NpyReader().read(f)), "expected 1.0, 2.0 or 3.0, found 4.0");
    }

    @Test
    void anUnsupportedDtypeNamesItAndTheSupportedOnes() {
        Path f = numpy(dir, "complex.npy");

        assertContains(message(() -> new NpyReader().read(f)), f.toString(), "unsupported dtype '<c16'", "<f4, <f8, |u1");
    }

    @Test
    void aStructuredDtypeIsUnsupported() {
        Path f = numpy(dir, "structured.npy");

        assertContains(message(() -> new NpyReader().read(f)), "unsupported dtype", "structured");
    }

    @Test
    void fortranOrderIsRejectedWithHowToFixIt() {
        Path f = numpy(dir, "f4-fortran.npy");

        assertContains(message(() -> new NpyReader().read(f)), f.toString(), "fortran_order is True",
                "expected C order", "np.ascontiguousarray");
    }

    @Test
    void truncatedDataSaysHowManyBytesWereExpectedAndFound() throws IOException {
        byte[] full = NpyFixtures.floats(3, 2, 1, 2, 3, 4, 5, 6);
        Path f = write(dir.resolve("x.npy"), Arrays.copyOf(full, full.length - 5));

        assertEquals(f + ": truncated data: expected 24 bytes of data for (3, 2) <f4, found 19",
                message(() -> new NpyReader().read(f)));
    }

    @Test
    void aTruncatedHeaderSaysSo() throws IOException {
        Path f = write(dir.resolve("x.npy"), Arrays.copyOf(NpyFixtures.floats(1, 1, 1f), 30));

        assertContains(message(() -> new NpyReader().read(f)), "truncated header");
    }

    @Test
    void dataBeyondTheShapeIsAnError() throws IOException {
        Path f = write(dir.resolve("x.npy"), npy(dict("<f4", "(1, 1)"), f4(1f, 2f)));

        assertContains(message(() -> new NpyReader().read(f)), "expected 4 bytes of data for (1, 1) <f4, found more");
    }

    @Test
    void aScalarIsNotRows() throws IOException {
        Path f = write(dir.resolve("x.npy"), npy(dict("<f4", "()"), f4(1f)));

        assertContains(message(() -> new NpyReader().read(f)), "wrong shape", "shape ()");
    }

    @Test
    void anEmptyArrayHasNoRows() throws IOException {
        Path f = write(dir.resolve("x.npy"), npy(dict("<f4", "(0, 3)"), new byte[0]));

        assertContains(message(() -> new NpyReader().read(f)), "expected at least one row", "(0, 3)");
    }

    @Test
    void aHeaderWithoutTheKeysIsBad() throws IOException {
        Path f = write(dir.resolve("x.npy"), npy("{'descr': '<f4'}", f4(1f)));

        assertContains(message(() -> new NpyReader().read(f)), "bad header", "'descr', 'fortran_order' and 'shape'");
    }

    @Test
    void nanInTheDataNamesItsRowAndColumn() throws IOException {
        Path f = write(dir.resolve("x.npy"), NpyFixtures.floats(2, 2, 1, 2, 3, Float.NaN));

        assertContains(message(() -> new NpyReader().read(f)), "row 1, column 1", "expected a finite number, got NaN");
    }

    @Test
    void floatLabelsAreRejected() {
        Path f = numpy(dir, "f8.npy");

        assertContains(message(() -> new NpyReader().readLabels(f)), "labels: expected an integer dtype", "'<f8'");
    }

    @Test
    void labelsWithSeveralColumnsAreRejected() throws IOException {
        Path f = write(dir.resolve("x.npy"), npy(dict("<i4", "(1, 2)"), new byte[8]));

        assertContains(message(() -> new NpyReader().readLabels(f)), "expected shape (n,) or (n, 1), found (1, 2)");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        Path f = dir.resolve("missing.npy");

        assertContains(message(() -> new NpyReader().read(f)), f.toString(), "no such file");
    }
}
