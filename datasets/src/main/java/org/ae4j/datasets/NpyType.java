package org.ae4j.datasets;

import java.nio.ByteOrder;

/** The element types ae4j reads from .npy files, by the kind and size of a NumPy dtype string ({@code <f4}). */
enum NpyType {
    FLOAT32("f4", 4),
    FLOAT64("f8", 8),
    UINT8("u1", 1),
    INT8("i1", 1),
    INT16("i2", 2),
    INT32("i4", 4),
    INT64("i8", 8),
    UINT16("u2", 2),
    UINT32("u4", 4);

    /** The dtypes accepted, as the error messages list them. */
    static final String ACCEPTED = "<f4, <f8, |u1 (float32, float64, uint8), the integer types |i1, <i2, <i4, "
            + "<i8, <u2, <u4, and > (big-endian) for any of them";

    final String code;
    final int size;

    NpyType(String code, int size) {
        this.code = code;
        this.size = size;
    }

    boolean integral() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /** The type of a dtype string such as {@code <f4}, {@code >f8} or {@code |u1}; null when not supported. */
    static NpyType of(String descr) {
        if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            return null;
        }
        String code = descr.substring(1);
        for (NpyType t : values()) {
            if (t.code.equals(code)) {
                return t.size == 1 || descr.charAt(0) != '|' ? t : null;
            }
        }
        return null;
    }

    /** The byte order of a dtype string: big-endian for {@code >}, little-endian otherwise. */
    static ByteOrder order(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
