package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.labels;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowStreamTest {
    @TempDir
    Path dir;

    /** Every batch of {@code maxRows}, concatenated back into one dataset; checks the batch sizes on the way. */
    private static Dataset drain(RowStream s, int maxRows) {
        List<Dataset> batches = new ArrayList<>();
        try (s) {
            Dataset b;
            while ((b = s.next(maxRows)) != null) {
                assertTrue(b.rows() <= maxRows);
                batches.add(b);
            }
            assertNull(s.next(maxRows));
        }
        int rows = batches.stream().mapToInt(Dataset::rows).sum();
        float[] v = new float[rows * s.cols()];
        int[] l = s.hasLabels() ? new int[rows] : null;
        int at = 0;
        for (Dataset b : batches) {
            System.arraycopy(b.values(), 0, v, at * s.cols(), b.values().length);
            if (l != null) {
                System.arraycopy(b.labels(), 0, l, at, b.rows());
            }
            at += b.rows();
        }
        return new Dataset(s.source(), v, rows, s.cols(), l);
    }

    private Path csv(int rows) throws IOException {
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < rows; i++) {
            b.append(i).append(',').append(i * 0.5).append(',').append(i % 3 == 0 ? "x" : "y").append('\n');
        }
        return Files.writeString(dir.resolve("big.csv"), b);
    }

    @Test
    void aCsvStreamReturnsTheRowsOfAFullReadInBatches() throws IOException {
        Path f = csv(23);
        CsvReader r = new CsvReader(CsvOptions.defaults().withLabelColumn("label"));

        Dataset streamed = drain(r.stream(f), 5);
        Dataset whole = r.read(f).data();

        assertArrayEquals(whole.values(), streamed.values());
        assertArrayEquals(whole.labels(), streamed.labels());
    }

    @Test
    void aCsvStreamKeepsItsLabelNumberingAcrossBatches() throws IOException {
        try (RowStream s = new CsvReader(CsvOptions.defaults().withLabelColumn("label")).stream(csv(7))) {
            assertArrayEquals(new int[] {0, 1}, s.next(2).labels());
            assertArrayEquals(new int[] {1, 0, 1}, s.next(3).labels());
            assertEquals(List.of("x", "y"), s.labelNames());
            assertEquals(5, s.position());
            assertEquals(-1, s.rows());
        }
    }

    @Test
    void aCsvStreamReportsABadCellWhenItsBatchIsRead() throws IOException {
        Path f = Files.writeString(dir.resolve("d.csv"), "a\n1\n2\n3\nbad\n");
        try (RowStream s = new CsvReader().stream(f)) {
            assertEquals(2, s.next(2).rows());
            String m = assertThrows(DatasetException.class, () -> s.next(2)).getMessage();
            assertTrue(m.contains("row 5, column 'a'"), m);
        }
    }

    @Test
    void anIdxStreamReadsRowsAndLabelsInBatches() throws IOException {
        Path im = write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(10, 2, 3)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(10)));

        Opened o = Datasets.open(im, 0);
        Dataset streamed = drain(o.stream(), 4);
        Dataset whole = Datasets.source(im, ReadOptions.defaults()).load(Split.TRAIN);

        assertInstanceOf(Opened.Streaming.class, o);
        assertArrayEquals(whole.values(), streamed.values());
        assertArrayEquals(whole.labels(), streamed.labels());
    }

    @Test
    void anIdxStreamOverATruncatedFileSaysWhereItEnds() throws IOException {
        byte[] full = images(10, 2, 3);
        Path im = write(dir.resolve("x.idx"), Arrays.copyOf(full, full.length - 7));

        try (RowStream s = Datasets.open(im, 0).stream()) {
            assertEquals(8, s.next(8).rows());
            String m = assertThrows(DatasetException.class, () -> s.next(8)).getMessage();
            assertTrue(m.contains("truncated file: expected 60 bytes of data") && m.contains("found 53"), m);
        }
    }

    @Test
    void anNpyStreamReadsTheRowsOfAFullRead() {
        Path f = NpyFixtures.numpy(dir, "f4-v2.npy");

        Opened o = Datasets.open(f, 10);

        assertInstanceOf(Opened.Streaming.class, o);
        assertEquals(24, o.bytes());
        assertArrayEquals(new NpyReader().read(f).values(), drain(o.stream(), 2).values());
    }

    @Test
    void aFileWithinTheBudgetIsReadIntoMemory() {
        Path f = NpyFixtures.numpy(dir, "f4-v1.npy");

        Opened o = Datasets.open(f, 24);

        Opened.InMemory m = assertInstanceOf(Opened.InMemory.class, o);
        assertEquals(3, m.data().rows());
        assertEquals(3, drain(o.stream(), 100).rows());
    }

    @Test
    void aCsvFileOverTheBudgetIsStreamedAndEachStreamStartsAtTheFirstRow() throws IOException {
        Path f = csv(50);

        Opened o = Datasets.open(f, 100, ReadOptions.defaults().withCsv(CsvOptions.defaults().withLabelColumn("label")));

        assertInstanceOf(Opened.Streaming.class, o);
        assertEquals(50, drain(o.stream(), 7).rows());
        assertEquals(50, drain(o.stream(), 50).rows());
    }

    @Test
    void aNamedDatasetOverTheBudgetIsStreamedWithItsLabels() throws IOException {
        Path data = IdxFixtures.mnistSplit(dir.resolve("data").resolve("mnist"), Split.TEST, 9);
        DatasetLocator l = new DatasetLocator(java.util.Map.of(), dir.resolve("home"), dir.resolve("system"))
                .withDataDir(data.getParent());

        Opened o = Datasets.open("mnist", Split.TEST, 100, l, ReadOptions.defaults());

        assertInstanceOf(Opened.Streaming.class, o);
        assertEquals(9 * 6 * 4 + 9 * 4, o.bytes());
        assertArrayEquals(Datasets.source("mnist", l).load(Split.TEST).labels(), drain(o.stream(), 4).labels());
    }

    @Test
    void theEmbeddedDatasetIsAlwaysInMemory() {
        DatasetLocator l = new DatasetLocator(java.util.Map.of(), dir.resolve("home"), dir.resolve("system"));

        assertInstanceOf(Opened.InMemory.class, Datasets.open("embedded", Split.TEST, 0, l, ReadOptions.defaults()));
    }

    @Test
    void aNegativeBudgetIsRejected() {
        Path f = NpyFixtures.numpy(dir, "f4-v1.npy");

        String m = assertThrows(IllegalArgumentException.class, () -> Datasets.open(f, -1)).getMessage();
        assertTrue(m.contains("memory budget: expected at least 0 bytes, got -1"), m);
    }

    @Test
    void aStreamOverDataInMemoryReturnsSlices() {
        Dataset d = new Dataset("m", new float[] {1, 2, 3, 4, 5}, 5, 1, new int[] {0, 1, 0, 1, 0});

        try (RowStream s = RowStream.of(d)) {
            Dataset b = s.next(3);
            assertArrayEquals(new float[] {1, 2, 3}, b.values());
            assertEquals("m[0:3]", b.source());
            assertArrayEquals(new int[] {1, 0}, s.next(3).labels());
            assertNull(s.next(3));
        }
    }

    @Test
    void batchNamesSayWhichRowsTheyHold() throws IOException {
        try (RowStream s = new CsvReader(CsvOptions.defaults().withColumns(List.of("a", "b"))).stream(csv(5))) {
            s.next(2);
            assertEquals(s.source() + "[2:4]", s.next(2).source());
        }
    }
}
