package org.ae4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void nanInTheDataIsRejectedNamingRowAndColumn() {
        float[] v = {0, 1, 2, 3, Float.NaN, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset("f.csv", v, 2, 3));
        assertEquals("f.csv: row 1, column 1: expected a finite number, got NaN", e.getMessage());
    }

    @Test
    void labelCountMustMatchRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", new float[4], 2, 2, new int[3]));
        assertEquals("d: expected one label per row (2), got 3 labels", e.getMessage());
    }

    @Test
    void minAndMaxAreTheBoundsOfAllValuesAndOfASlice() {
        float[] v = {3, -0.0f, 7, 0.0f, -2.5f, 9, 4, 1};
        Dataset d = new Dataset("d", v, 4, 2);
        assertEquals(-2.5f, d.min());
        assertEquals(9f, d.max());
        // Asked again: the same values, from the kept range.
        assertEquals(-2.5f, d.min());
        assertEquals(9f, d.max());
        Dataset rows01 = d.slice(0, 2);
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(rows01.min()),
                "Math.min's order of signed zeros");
        assertEquals(7f, rows01.max());
        Dataset row3 = d.slice(3, 4);
        assertEquals(1f, row3.min());
        assertEquals(4f, row3.max());
    }
}
