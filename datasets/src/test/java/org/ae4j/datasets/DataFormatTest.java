package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFormatTest {
    @TempDir
    Path dir;

    private DatasetLocator nowhere() {
        return new DatasetLocator(Map.of(), dir.resolve("home"), dir.resolve("system"));
    }

    @ParameterizedTest
    @CsvSource({"iris.csv, CSV", "iris.TSV, CSV", "iris.csv.gz, CSV", "codes.npy, NPY", "codes.npy.gz, NPY",
            "train-images-idx3-ubyte.gz, IDX", "train-images-idx3-ubyte, IDX", "train-images.idx3-ubyte, IDX",
            "mine.idx, IDX", "mine.idx3, IDX"})
    void theFileNameTellsTheFormat(String name, DataFormat format) {
        assertEquals(format, DataFormat.byName(Path.of(name)));
    }

    @Test
    void withoutATellingNameTheFirstBytesTellTheFormat() throws IOException {
        Path npy = write(dir.resolve("a.bin"), NpyFixtures.floats(1, 1, 1f));
        Path idx = write(dir.resolve("b.bin"), gzip(images(1, 1, 1)));
        Path csv = write(dir.resolve("c.txt"), "1,2\n".getBytes());

        assertEquals(DataFormat.NPY, DataFormat.detect(npy));
        assertEquals(DataFormat.IDX, DataFormat.detect(idx));
        assertEquals(DataFormat.CSV, DataFormat.detect(csv));
    }

    @Test
    void bytesOfNoKnownFormatAskForTheFormatOption() throws IOException {
        Path f = write(dir.resolve("x.bin"), new byte[] {(byte) 0xff, 0, 1, 2});

        String m = assertThrows(DatasetException.class, () -> DataFormat.detect(f)).getMessage();

        assertTrue(m.contains("unknown format") && m.contains("0xff000102") && m.contains("idx, csv, npy"), m);
    }

    @Test
    void anEmptyFileWithoutATellingNameIsAnError() throws IOException {
        Path f = write(dir.resolve("x.bin"), new byte[0]);

        assertTrue(assertThrows(DatasetException.class, () -> DataFormat.detect(f)).getMessage().contains("empty file"));
    }

    @Test
    void formatNamesParseAndABadOneListsThem() {
        assertEquals(DataFormat.NPY, DataFormat.parse("NPY"));
        assertEquals("format: expected idx, csv or npy, got 'parquet'",
                assertThrows(DatasetException.class, () -> DataFormat.parse("parquet")).getMessage());
    }

    @Test
    void loadDispatchesAPathByItsDetectedFormat() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        Path npy = NpyFixtures.numpy(dir, "f8.npy");

        assertArrayEquals(new float[] {1, 2}, Datasets.source(csv.toString(), nowhere()).load(Split.TRAIN).values());
        assertEquals(3, Datasets.source(npy.toString(), nowhere()).load(Split.TRAIN).rows());
    }

    @Test
    void anExplicitFormatOverridesTheName() throws IOException {
        Path f = Files.writeString(dir.resolve("d.idx"), "1,2\n3,4\n");

        Dataset d = Datasets.source(f.toString(), nowhere(), ReadOptions.defaults().withFormat(DataFormat.CSV))
                .load(Split.TRAIN);

        assertEquals(2, d.rows());
    }

    @Test
    void aFileReadInTheWrongExplicitFormatFailsWithThatReadersError() throws IOException {
        Path f = Files.writeString(dir.resolve("d.csv"), "1,2\n");
        ReadOptions npy = ReadOptions.defaults().withFormat(DataFormat.NPY);

        String m = assertThrows(DatasetException.class,
                () -> Datasets.source(f.toString(), nowhere(), npy).load(Split.TRAIN)).getMessage();

        assertTrue(m.contains("not a .npy file"), m);
    }

    @Test
    void uint8NpyDataIsScaledToTheUnitIntervalLikeIdx() {
        Path f = NpyFixtures.numpy(dir, "u1.npy");

        assertEquals(21 / 255f, Datasets.source(f.toString(), nowhere()).load(Split.TRAIN).get(2, 1), 1e-7f);
    }

    @Test
    void aDirectoryGivenWithANonIdxFormatIsAnError() {
        ReadOptions csv = ReadOptions.defaults().withFormat(DataFormat.CSV);

        String m = assertThrows(DatasetException.class, () -> Datasets.source(dir.toString(), nowhere(), csv))
                .getMessage();

        assertTrue(m.contains("expected a csv file, found a directory"), m);
    }
}
