package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Test;

class EmbeddedTest {
    private static void assertFashionMnistShaped(Dataset d, int rows) {
        assertEquals(rows, d.rows());
        assertEquals(784, d.cols());
        assertTrue(d.min() >= 0f && d.max() <= 1f, "values in [0,1]");
        assertEquals(1f, d.max());
        assertTrue(Arrays.stream(d.labels()).allMatch(l -> l >= 0 && l <= 9), "labels in 0..9");
        assertEquals(10, Arrays.stream(d.labels()).distinct().count());
    }

    @Test
    void trainHas4000ImagesOf784ValuesInTheUnitIntervalWithLabels0To9() {
        assertFashionMnistShaped(Embedded.train(), 4000);
    }

    @Test
    void testHas1000ImagesOf784ValuesInTheUnitIntervalWithLabels0To9() {
        assertFashionMnistShaped(Embedded.test(), 1000);
    }

    @Test
    void itIsTheStartOfFashionMnist() {
        Dataset train = Embedded.train();
        Dataset test = Embedded.test();

        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        double firstImageSum = 0;
        for (int j = 0; j < 784; j++) {
            firstImageSum += train.get(0, j) * 255.0;
        }
        assertEquals(76247, firstImageSum, 0.05);
    }

    @Test
    void sourceNamesTheSubsetAndItsSize() {
        assertEquals("embedded:fashion-mnist-train(4000)", Embedded.train().source());
        assertEquals("embedded:fashion-mnist-test(1000)", Embedded.test().source());
    }

    @Test
    void aRowLimitLoadsTheFirstRows() {
        Dataset d = Embedded.load(Split.TRAIN, 100);

        assertEquals(100, d.rows());
        assertEquals("embedded:fashion-mnist-train(100)", d.source());
        assertEquals(Embedded.train().get(99, 400), d.get(99, 400));
    }
}
