package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.labels;
import static org.ae4j.datasets.IdxFixtures.mnistSplit;
import static org.ae4j.datasets.IdxFixtures.pixel;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    private DatasetLocator emptyMachine() throws IOException {
        return new DatasetLocator(Map.of(), Files.createDirectories(tmp.resolve("home")), tmp.resolve("system"));
    }

    @Test
    void embeddedIsTheDefaultName() {
        assertEquals("embedded", NamedDatasets.DEFAULT);
        assertEquals(NamedDatasets.DEFAULT, NamedDatasets.names().get(0));
    }

    @Test
    void theEmbeddedNameLoadsTheEmbeddedDataset() throws IOException {
        Dataset d = Datasets.source("embedded", emptyMachine()).load(Split.TEST);

        assertEquals("embedded:fashion-mnist-test(1000)", d.source());
    }

    @Test
    void namesAreMatchedInAnyCase() throws IOException {
        assertEquals("fashion-mnist", Datasets.source("Fashion-MNIST", emptyMachine()).name());
    }

    @Test
    void aNamedDatasetIsLoadedFromWhereTheLocatorFindsItScaledToTheUnitInterval() throws IOException {
        Path data = mnistSplit(tmp.resolve("data").resolve("mnist"), Split.TEST, 20);
        DatasetLocator locator = emptyMachine().withDataDir(data.getParent());

        Dataset d = Datasets.source("mnist", locator).load(Split.TEST);

        assertEquals(20, d.rows());
        assertEquals(6, d.cols());
        assertEquals(pixel(19, 5) / 255f, d.get(19, 5), 1e-7f);
        assertEquals(9, d.labels()[19]);
        assertTrue(d.source().startsWith("mnist:test("), d.source());
    }

    @Test
    void aMissingNamedDatasetFailsWithTheLocatorsError() throws IOException {
        DatasetSource s = Datasets.source("fashion-mnist", emptyMachine());

        String m = assertThrows(DatasetException.class, () -> s.load(Split.TRAIN)).getMessage();

        assertTrue(m.contains("not found") && m.contains(tmp.resolve("system").toString()), m);
    }

    @Test
    void anIdxPathLoadsWithTheLabelFileBesideIt() throws IOException {
        Path im = write(tmp.resolve("d/t10k-images-idx3-ubyte.gz"), gzip(images(5, 2, 2)));
        write(tmp.resolve("d/t10k-labels-idx1-ubyte.gz"), gzip(labels(5)));

        Dataset d = Datasets.source(im.toString(), emptyMachine()).load(Split.TRAIN);

        assertEquals(5, d.rows());
        assertEquals(4, d.labels()[4]);
        assertEquals(im.toString(), d.source());
    }

    @Test
    void theDottedMnistNamingFindsLabelsToo() throws IOException {
        Path im = write(tmp.resolve("train-images.idx3-ubyte"), images(3, 2, 2));
        write(tmp.resolve("train-labels.idx1-ubyte"), labels(3));

        assertTrue(Datasets.source(im.toString(), emptyMachine()).load(Split.TRAIN).hasLabels());
    }

    @Test
    void anIdxPathWithoutALabelFileLoadsWithoutLabels() throws IOException {
        Path im = write(tmp.resolve("mine.idx"), images(3, 2, 2));

        assertFalse(Datasets.source(im.toString(), emptyMachine()).load(Split.TRAIN).hasLabels());
    }

    @Test
    void uint8FilesAreScaledToTheUnitIntervalAndFloatFilesAreNot() throws IOException {
        Path bytes = write(tmp.resolve("b.idx"), images(1, 1, 2));
        Path floats = write(tmp.resolve("f.idx"), IdxFixtures.floats(1, 2, 3f, 500f));

        assertEquals(1 / 255f, Datasets.source(bytes.toString(), emptyMachine()).load(Split.TRAIN).get(0, 1), 1e-7f);
        assertEquals(500f, Datasets.source(floats.toString(), emptyMachine()).load(Split.TRAIN).get(0, 1));
    }

    @Test
    void aDirectoryPathLoadsTheRequestedSplit() throws IOException {
        Path d = mnistSplit(tmp.resolve("mine"), Split.TRAIN, 4);
        mnistSplit(d, Split.TEST, 2);

        assertEquals(2, Datasets.source(d.toString(), emptyMachine()).load(Split.TEST).rows());
        assertEquals(4, Datasets.source(d.toString(), emptyMachine()).load(Split.TRAIN).rows());
    }

    @Test
    void aDirectoryWithoutTheSplitNamesTheFileExpected() throws IOException {
        Path d = mnistSplit(tmp.resolve("mine"), Split.TRAIN, 4);

        String m = assertThrows(DatasetException.class,
                () -> Datasets.source(d.toString(), emptyMachine()).load(Split.TEST)).getMessage();

        assertTrue(m.contains(d.toString()) && m.contains("t10k-images-idx3-ubyte.gz"), m);
    }

    @Test
    void aRowLimitAppliesToPathSources() throws IOException {
        Path d = mnistSplit(tmp.resolve("mine"), Split.TRAIN, 10);

        assertEquals(3, Datasets.source(d.toString(), emptyMachine()).load(Split.TRAIN, 3).rows());
    }

    @Test
    void neitherANameNorAnExistingPathListsTheNamesAndSaysNoSuchFile() throws IOException {
        String m = assertThrows(DatasetException.class, () -> Datasets.source("fashion_mnist", emptyMachine()))
                .getMessage();

        assertTrue(m.contains("embedded, fashion-mnist, mnist") && m.contains("'fashion_mnist'")
                && m.contains("no such file"), m);
    }

    @Test
    void anUnknownNameGivenToNamedDatasetsListsTheKnownNames() throws IOException {
        String m = assertThrows(DatasetException.class, () -> new NamedDatasets(emptyMachine()).source("cifar"))
                .getMessage();

        assertTrue(m.contains("expected one of embedded, fashion-mnist, mnist, got 'cifar'"), m);
    }

    @Test
    void splitNamesParseAndABadOneSaysWhatIsExpected() {
        assertEquals(Split.TEST, Split.parse("Test"));
        String m = assertThrows(DatasetException.class, () -> Split.parse("valid")).getMessage();
        assertEquals("split: expected train or test, got 'valid'", m);
    }
}
