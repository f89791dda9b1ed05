package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aWrittenArrayReadsBackExactly() {
        Path f = dir.resolve("codes.npy");
        float[] v = {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, 7e30f};

        NpyWriter.write(f, new Dataset("x", v, 3, 2));

        Dataset d = new NpyReader().read(f);
        assertEquals(3, d.rows());
        assertEquals(2, d.cols());
        assertArrayEquals(v, d.values());
    }

    @Test
    void theFileIsVersion1Float32COrderWithA64ByteAlignedHeader() throws IOException {
        Path f = dir.resolve("codes.npy");

        NpyWriter.write(f, new float[] {1, 2}, 1, 2);

        NpyHeader h = NpyReader.header(f);
        assertEquals("1.0", h.version());
        assertEquals("<f4", h.descr());
        assertEquals(0, h.dataOffset() % 64);
        assertEquals(h.dataOffset() + 8, Files.size(f));
        String text = new String(Files.readAllBytes(f), 10, (int) h.dataOffset() - 10, "ISO-8859-1");
        assertTrue(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }") && text.endsWith(
                "\n"), text);
    }

    @Test
    void batchesAppendedAreCountedInTheShapeAtCommit() {
        Path f = dir.resolve("codes.npy");
        try (NpyWriter w = NpyWriter.create(f, 2)) {
            w.append(new Dataset("a", new float[] {1, 2, 3, 4}, 2, 2));
            w.append(new float[] {9, 5, 6, 9}, 1, 1);
            w.commit();
        }

        Dataset d = new NpyReader().read(f);
        assertEquals(3, d.rows());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.values());
    }

    @Test
    void closingWithoutCommitLeavesAnExistingFileUntouchedAndNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("codes.npy"), "earlier output");
        try (NpyWriter w = NpyWriter.create(f, 2)) {
            w.append(new float[] {1, 2}, 0, 1);
        }

        assertEquals("earlier output", Files.readString(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void aBatchOfTheWrongWidthIsRejected() {
        try (NpyWriter w = NpyWriter.create(dir.resolve("codes.npy"), 3)) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> w.append(new Dataset("b", new float[] {1, 2}, 1, 2))).getMessage();
            assertTrue(m.contains("expected rows of 3 values") && m.contains("with 2"), m);
        }
    }
}
