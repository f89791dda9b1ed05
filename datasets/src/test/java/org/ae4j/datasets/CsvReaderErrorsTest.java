package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String message(Executable e) {
        return assertThrows(DatasetException.class, e).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected '" + p + "' in: " + message);
        }
    }

    /** The iris header and 15 rows, so that row 17 (the 17th line) is the one given. */
    private Path irisWithRow17(String row) throws IOException {
        StringBuilder b = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width\n");
        for (int i = 2; i < 17; i++) {
            b.append("5.1,3.5,1.4,0.2\n");
        }
        return file("data.csv", b.append(row).append('\n').toString());
    }

    @Test
    void nanNamesTheFileTheLineNumberAndTheColumnName() throws IOException {
        Path f = irisWithRow17("5.0,3.6,1.4,NaN");

        assertEquals(f + ": row 17, column 'petal_width': expected a finite number, got 'NaN'",
                message(() -> new CsvReader().read(f)));
    }

    @Test
    void infinityIsRejectedLikeNan() throws IOException {
        Path f = irisWithRow17("5.0,-inf,1.4,0.2");

        assertContains(message(() -> new CsvReader().read(f)), "row 17, column 'sepal_width'",
                "expected a finite number, got '-inf'");
    }

    @Test
    void aNumberBeyondTheFloatRangeIsNotFinite() throws IOException {
        Path f = irisWithRow17("5.0,1e39,1.4,0.2");

        assertContains(message(() -> new CsvReader().read(f)), "row 17, column 'sepal_width'", "float32", "'1e39'");
    }

    @Test
    void aNonNumericCellNamesRowAndColumn() throws IOException {
        Path f = irisWithRow17("5.0,abc,1.4,0.2");

        assertEquals(f + ": row 17, column 'sepal_width': expected a number, got 'abc'",
                message(() -> new CsvReader().read(f)));
    }

    @Test
    void javaOnlyNumberSyntaxIsNotANumber() throws IOException {
        Path f = file("d.csv", "1,2\n3,0x1p3\n");

        assertContains(message(() -> new CsvReader().read(f)), "row 2, column 1", "got '0x1p3'");
    }

    @Test
    void anEmptyCellIsReportedAsSuch() throws IOException {
        Path f = file("d.csv", "a,b\n1,\n");

        assertContains(message(() -> new CsvReader().read(f)), "row 2, column 'b'", "got an empty cell");
    }

    @Test
    void withoutAHeaderTheColumnIsNamedByItsIndex() throws IOException {
        Path f = file("d.csv", "1,2,3\n4,x,6\n");

        assertEquals(f + ": row 2, column 1: expected a number, got 'x'", message(() -> new CsvReader().read(f)));
    }

    @Test
    void rowNumbersAreLineNumbersCountingBlankLines() throws IOException {
        Path f = file("d.csv", "a,b\n\n1,2\n\n\n3,q\n");

        assertContains(message(() -> new CsvReader().read(f)), "row 6, column 'b'");
    }

    @Test
    void aRaggedRowSaysHowManyCellsWereExpectedAndFound() throws IOException {
        Path f = file("d.csv", "a,b,c\n1,2,3\n4,5\n");

        assertEquals(f + ": row 3: expected 3 cells (as in the header), found 2", message(() -> new CsvReader().read(f)));
    }

    @Test
    void aRaggedRowWithoutAHeaderComparesWithTheFirstRow() throws IOException {
        Path f = file("d.csv", "1,2\n3,4,5\n");

        assertContains(message(() -> new CsvReader().read(f)), "row 2: expected 2 cells (as in row 1), found 3");
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path f = file("empty.csv", "");

        assertContains(message(() -> new CsvReader().read(f)), f.toString(), "empty file");
    }

    @Test
    void aFileOfBlankLinesIsEmpty() throws IOException {
        Path f = file("blank.csv", "\n\n\n");

        assertContains(message(() -> new CsvReader().read(f)), "empty file");
    }

    @Test
    void aHeaderWithoutDataSaysNoRowsFollow() throws IOException {
        Path f = file("h.csv", "a,b\n");

        assertContains(message(() -> new CsvReader().read(f)), "expected at least one row of data after the header");
    }

    @Test
    void anUnknownColumnNameListsTheKnownOnes() throws IOException {
        Path f = file("d.csv", "sepal_length,petal_width\n1,2\n");

        String m = message(() -> new CsvReader(CsvOptions.defaults().withColumns(List.of("petal_widht"))).read(f));

        assertContains(m, "unknown column 'petal_widht'", "'sepal_length', 'petal_width'");
    }

    @Test
    void anUnknownLabelColumnListsTheKnownOnes() throws IOException {
        Path f = file("d.csv", "x,y\n1,2\n");

        assertContains(message(() -> new CsvReader(CsvOptions.defaults().withLabelColumn("class")).read(f)),
                "unknown label column 'class'", "'x', 'y'");
    }

    @Test
    void aColumnIndexBeyondTheLastSaysHowManyColumnsThereAre() throws IOException {
        Path f = file("d.csv", "1,2\n");

        assertContains(message(() -> new CsvReader(CsvOptions.defaults().withColumns(List.of("5"))).read(f)),
                "column 5", "below 2", "has 2 columns");
    }

    @Test
    void aColumnNameWithoutAHeaderAsksForAnIndex() throws IOException {
        Path f = file("d.csv", "1,2\n");

        assertContains(message(() -> new CsvReader(CsvOptions.defaults().withColumns(List.of("x"))).read(f)),
                "no header row", "0-based index", "0 to 1");
    }

    @Test
    void theLabelColumnCannotAlsoBeAFeature() throws IOException {
        Path f = file("d.csv", "a,b\n1,2\n");

        CsvOptions o = CsvOptions.defaults().withColumns(List.of("a", "b")).withLabelColumn("b");
        assertContains(message(() -> new CsvReader(o).read(f)), "is the label column");
    }

    @Test
    void aNameAmongIntegerLabelsNamesItsRow() throws IOException {
        Path f = file("d.csv", "x,label\n1,0\n2,1\n3,cat\n");

        assertContains(message(() -> new CsvReader(CsvOptions.defaults().withLabelColumn("label")).read(f)),
                "row 4, column 'label'", "expected an integer label", "got 'cat'");
    }

    @Test
    void anUnclosedQuoteIsMalformedCsv() throws IOException {
        Path f = file("d.csv", "a,b\n1,\"2\n3,4\n");

        assertContains(message(() -> new CsvReader().read(f)), f.toString(), "malformed CSV");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        Path f = dir.resolve("missing.csv");

        assertContains(message(() -> new CsvReader().read(f)), f.toString(), "no such file");
    }

    @Test
    void aLabelFileWithSeveralColumnsIsRejected() throws IOException {
        Path f = file("labels.csv", "1,2\n3,4\n");

        assertContains(message(() -> new CsvReader().readLabels(f)), "expected a single column of labels, found 2");
    }

    @Test
    void badOptionsNameTheOption() {
        assertContains(message(() -> CsvOptions.parseDelimiter("ab")), "csv delimiter", "'ab'");
        assertContains(message(() -> CsvOptions.Header.parse("maybe")), "csv header", "'maybe'");
        assertContains(message(() -> CsvOptions.defaults().withDelimiter('"')), "csv delimiter");
    }
}
