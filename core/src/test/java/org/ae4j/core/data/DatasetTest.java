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
}
