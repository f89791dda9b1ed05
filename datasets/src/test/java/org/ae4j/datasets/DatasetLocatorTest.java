package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.mnistSplit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    private static final String NAME = NamedDatasets.FASHION_MNIST;

    @TempDir
    Path tmp;

    private Path home;
    private Path system;
    private Path data;
    private Path explicit;

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        system = Files.createDirectories(tmp.resolve("usr-share-datasets"));
        data = Files.createDirectories(tmp.resolve("ae4j-data"));
        explicit = Files.createDirectories(tmp.resolve("explicit"));
    }

    private DatasetLocator locator(Map<String, String> env) {
        return new DatasetLocator(env, home, system);
    }

    private Path everywhere() throws IOException {
        mnistSplit(explicit.resolve(NAME), Split.TRAIN, 3);
        mnistSplit(data.resolve(NAME), Split.TRAIN, 3);
        mnistSplit(home.resolve(".cache/ae4j").resolve(NAME), Split.TRAIN, 3);
        return mnistSplit(system.resolve(NAME), Split.TRAIN, 3);
    }

    @Test
    void anExplicitDataDirectoryWinsOverEveryOtherPlace() throws IOException {
        everywhere();

        DatasetLocator.Found f = locator(Map.of("AE4J_DATA", data.toString())).withDataDir(explicit)
                .locate(NAME, Split.TRAIN);

        assertEquals(explicit.resolve(NAME).resolve("train-images-idx3-ubyte.gz"), f.images());
        assertEquals(explicit.resolve(NAME).resolve("train-labels-idx1-ubyte.gz"), f.labels());
    }

    @Test
    void ae4jDataWinsOverTheCacheAndTheSystemRoot() throws IOException {
        everywhere();

        DatasetLocator.Found f = locator(Map.of("AE4J_DATA", data.toString())).locate(NAME, Split.TRAIN);

        assertEquals(data.resolve(NAME), f.place().dir());
        assertEquals("AE4J_DATA", f.place().what());
    }

    @Test
    void ae4jDataMayHoldTheFilesDirectly() throws IOException {
        mnistSplit(data, Split.TEST, 2);

        DatasetLocator.Found f = locator(Map.of("AE4J_DATA", data.toString())).locate(NAME, Split.TEST);

        assertEquals(data.resolve("t10k-images-idx3-ubyte.gz"), f.images());
    }

    @Test
    void theUserCacheWinsOverTheSystemRoot() throws IOException {
        everywhere();

        DatasetLocator.Found f = locator(Map.of()).locate(NAME, Split.TRAIN);

        assertEquals(home.resolve(".cache/ae4j").resolve(NAME), f.place().dir());
    }

    @Test
    void xdgCacheHomeReplacesTheDotCacheDirectory() throws IOException {
        Path xdg = tmp.resolve("xdg");
        mnistSplit(xdg.resolve("ae4j").resolve(NAME), Split.TRAIN, 2);

        DatasetLocator.Found f = locator(Map.of("XDG_CACHE_HOME", xdg.toString())).locate(NAME, Split.TRAIN);

        assertEquals(xdg.resolve("ae4j").resolve(NAME), f.place().dir());
    }

    @Test
    void theSystemRootIsSearchedLast() throws IOException {
        mnistSplit(system.resolve(NAME), Split.TRAIN, 2);

        DatasetLocator.Found f = locator(Map.of("AE4J_DATA", data.toString())).locate(NAME, Split.TRAIN);

        assertEquals(system.resolve(NAME), f.place().dir());
        assertEquals(List.of(data.resolve(NAME), data, home.resolve(".cache/ae4j").resolve(NAME), system.resolve(NAME)),
                locator(Map.of("AE4J_DATA", data.toString())).places(NAME).stream()
                        .map(DatasetLocator.Place::dir).toList());
    }

    @Test
    void uncompressedFilesAreFoundToo() throws IOException {
        Path d = Files.createDirectories(system.resolve(NAME));
        IdxFixtures.write(d.resolve("train-images-idx3-ubyte"), IdxFixtures.images(2, 2, 2));

        DatasetLocator.Found f = locator(Map.of()).locate(NAME, Split.TRAIN);

        assertEquals(d.resolve("train-images-idx3-ubyte"), f.images());
        assertNull(f.labels());
    }

    @Test
    void aMissingDatasetErrorListsEveryPlaceSearchedAndHowToGetIt() throws IOException {
        mnistSplit(system.resolve(NAME), Split.TEST, 2);

        String m = assertThrows(DatasetException.class,
                () -> locator(Map.of("AE4J_DATA", data.toString())).locate(NAME, Split.TRAIN)).getMessage();

        for (Path p : List.of(data.resolve(NAME), data, home.resolve(".cache/ae4j").resolve(NAME),
                system.resolve(NAME))) {
            assertTrue(m.contains(p.toString()), () -> "expected " + p + " in: " + m);
        }
        assertTrue(m.contains("train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("AE4J_DATA"), m);
    }

    @Test
    void aMissingDatasetErrorSaysWhenAe4jDataIsNotSet() {
        String m = assertThrows(DatasetException.class, () -> locator(Map.of()).locate(NamedDatasets.MNIST,
                Split.TEST)).getMessage();

        assertTrue(m.contains("AE4J_DATA is not set"), m);
        assertTrue(m.contains(system.resolve("mnist").toString()), m);
    }

    @Test
    void anExplicitDataDirectoryIsTheOnlyPlaceSearched() throws IOException {
        everywhere();

        String m = assertThrows(DatasetException.class,
                () -> locator(Map.of()).withDataDir(tmp.resolve("typo")).locate(NAME, Split.TRAIN)).getMessage();

        assertTrue(m.contains(tmp.resolve("typo").toString()), m);
        assertTrue(!m.contains(system.toString() + "/"), m);
    }
}
