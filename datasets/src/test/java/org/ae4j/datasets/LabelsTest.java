package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.labels;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
    @TempDir
    Path dir;

    private final Dataset three = new Dataset("data.csv", new float[] {1, 2, 3}, 3, 1);

    @Test
    void idxLabelFilesLoad() throws IOException {
        Path f = write(dir.resolve("labels-idx1-ubyte"), labels(12));

        assertEquals(9, Datasets.loadLabels(f)[9]);
    }

    @Test
    void npyIntegerArraysLoad() {
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, Datasets.loadLabels(NpyFixtures.numpy(dir, "labels-i8.npy")));
    }

    @Test
    void singleColumnCsvLoads() throws IOException {
        Path f = Files.writeString(dir.resolve("labels.csv"), "2\n0\n1\n");

        assertArrayEquals(new int[] {2, 0, 1}, Datasets.loadLabels(f));
    }

    @Test
    void withLabelsAttachesOneLabelPerRow() throws IOException {
        Path f = Files.writeString(dir.resolve("labels.csv"), "a\nb\na\n");

        Dataset d = Datasets.withLabels(three, f);

        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(three.values(), d.values());
    }

    @Test
    void aCountMismatchNamesBothCountsAndBothSources() throws IOException {
        Path f = Files.writeString(dir.resolve("labels.csv"), "1\n2\n");

        String m = assertThrows(DatasetException.class, () -> Datasets.withLabels(three, f)).getMessage();

        assertEquals(f + ": label count does not match the data: expected 3 labels (one per row of data.csv), found 2",
                m);
    }

    @Test
    void aMissingLabelFileSaysNoSuchFile() {
        Path f = dir.resolve("none.csv");

        String m = assertThrows(DatasetException.class, () -> Datasets.loadLabels(f)).getMessage();

        assertTrue(m.contains(f.toString()) && m.contains("no such file"), m);
    }

    @Test
    void anIdxImageFileGivenAsLabelsIsRejected() throws IOException {
        Path f = write(dir.resolve("x.idx"), IdxFixtures.images(2, 2, 2));

        String m = assertThrows(DatasetException.class, () -> Datasets.loadLabels(f)).getMessage();

        assertTrue(m.contains("an image file given where labels are expected"), m);
    }
}
