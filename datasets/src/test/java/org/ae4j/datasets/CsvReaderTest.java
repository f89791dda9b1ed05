package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    static final String IRIS = """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            7.0,3.2,4.7,1.4,versicolor
            6.3,3.3,6.0,2.5,virginica
            4.9,3.0,1.4,0.2,setosa
            """;

    @TempDir
    Path dir;

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aHeaderRowIsDetectedAndNamesTheColumns() throws IOException {
        CsvReader.CsvTable t = new CsvReader(CsvOptions.defaults().withLabelColumn("species"))
                .read(file("iris.csv", IRIS));

        assertEquals(4, t.data().rows());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), t.columns());
        assertArrayEquals(new float[] {7.0f, 3.2f, 4.7f, 1.4f}, java.util.Arrays.copyOfRange(t.data().values(), 4, 8));
    }

    @Test
    void stringLabelsAreNumberedInOrderOfFirstAppearanceAndTheMappingIsKept() throws IOException {
        CsvReader.CsvTable t = new CsvReader(CsvOptions.defaults().withLabelColumn("species"))
                .read(file("iris.csv", IRIS));

        assertArrayEquals(new int[] {0, 1, 2, 0}, t.data().labels());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.labelNames());
    }

    @Test
    void integerLabelsAreReadAsTheyAre() throws IOException {
        Path f = file("d.csv", "x,y,label\n1,2,7\n3,4,-2\n");

        CsvReader.CsvTable t = new CsvReader(CsvOptions.defaults().withLabelColumn("label")).read(f);

        assertArrayEquals(new int[] {7, -2}, t.data().labels());
        assertTrue(t.labelNames().isEmpty());
    }

    @Test
    void aFileOfNumbersOnlyHasNoHeader() throws IOException {
        Dataset d = new CsvReader().read(file("n.csv", "1,2,3\n4,5,6\n")).data();

        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertEquals(1f, d.get(0, 0));
    }

    @Test
    void aFirstRowOfNumbersWithAStringLabelIsDataNotAHeader() throws IOException {
        Path f = file("iris-no-header.csv", "5.1,3.5,setosa\n7.0,3.2,versicolor\n");

        CsvReader.CsvTable t = new CsvReader(CsvOptions.defaults().withLabelColumn("2")).read(f);

        assertEquals(2, t.data().rows());
        assertEquals(List.of("0", "1"), t.columns());
        assertEquals(List.of("setosa", "versicolor"), t.labelNames());
    }

    @Test
    void anExplicitHeaderOptionOverridesDetection() throws IOException {
        Path f = file("h.csv", "1,2\n3,4\n");

        CsvReader.CsvTable t = new CsvReader(CsvOptions.defaults().withHeader(CsvOptions.Header.PRESENT)).read(f);

        assertEquals(1, t.data().rows());
        assertEquals(List.of("1", "2"), t.columns());
    }

    @Test
    void anExplicitNoHeaderOptionReadsTheFirstRowAsData() throws IOException {
        Path f = file("h.csv", "1,2\n3,4\n");

        assertEquals(2, new CsvReader(CsvOptions.defaults().withHeader(CsvOptions.Header.ABSENT)).read(f).data()
                .rows());
    }

    @Test
    void columnsAreChosenByNameInTheOrderGiven() throws IOException {
        Dataset d = new CsvReader(CsvOptions.defaults().withColumns(List.of("petal_width", "sepal_length")))
                .read(file("iris.csv", IRIS.replace("setosa", "1").replace("versicolor", "2")
                        .replace("virginica", "3"))).data();

        assertEquals(2, d.cols());
        assertEquals(0.2f, d.get(0, 0));
        assertEquals(5.1f, d.get(0, 1));
    }

    @Test
    void columnsAreChosenByZeroBasedIndex() throws IOException {
        Dataset d = new CsvReader(CsvOptions.defaults().withColumns(List.of("2", "0")))
                .read(file("n.csv", "1,2,3\n4,5,6\n")).data();

        assertArrayEquals(new float[] {3, 1, 6, 4}, d.values());
    }

    @Test
    void theDelimiterOptionSplitsCells() throws IOException {
        Dataset d = new CsvReader(CsvOptions.defaults().withDelimiter(';')).read(file("s.csv", "a;b\n1.5;2\n"))
                .data();

        assertEquals(2, d.cols());
        assertEquals(2f, d.get(0, 1));
    }

    @Test
    void aTsvFileIsSplitOnTabsByDefault() throws IOException {
        Dataset d = new CsvReader().read(file("t.tsv", "a\tb\n1\t2\n")).data();

        assertArrayEquals(new float[] {1, 2}, d.values());
    }

    @Test
    void quotedCellsSpacesBlankLinesAndAByteOrderMarkAreHandled() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.write(f, "\uFEFF\"x\", \"y\"\n\n \"1.5\" , 2e3 \n\n-3,+.5\n".getBytes(StandardCharsets.UTF_8));

        CsvReader.CsvTable t = new CsvReader().read(f);

        assertEquals(List.of("x", "y"), t.columns());
        assertArrayEquals(new float[] {1.5f, 2000f, -3f, 0.5f}, t.data().values());
    }

    @Test
    void aGzipCsvIsReadLikeAPlainOne() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("n.csv.gz"), IdxFixtures.gzip("a,b\n1,2\n".getBytes()));

        assertArrayEquals(new float[] {1, 2}, new CsvReader().read(f).data().values());
    }

    @Test
    void aRowLimitReadsOnlyTheFirstRows() throws IOException {
        assertEquals(2, new CsvReader().read(file("n.csv", "1\n2\n3\n"), 2).data().rows());
    }

    @Test
    void aSingleColumnLabelFileOfNamesIsNumberedInOrderOfFirstAppearance() throws IOException {
        Path f = file("labels.csv", "cat\ndog\ncat\nbird\n");

        CsvReader.CsvLabels l = new CsvReader().readLabels(f);

        assertArrayEquals(new int[] {0, 1, 0, 2}, l.labels());
        assertEquals(List.of("cat", "dog", "bird"), l.names());
    }

    @Test
    void aSingleColumnLabelFileWithAHeaderSkipsIt() throws IOException {
        CsvReader.CsvLabels l = new CsvReader().readLabels(file("labels.csv", "label\n3\n1\n"));

        assertArrayEquals(new int[] {3, 1}, l.labels());
        assertFalse(l.names().iterator().hasNext());
    }
}
