package org.ae4j.datasets;

/** The element types of the IDX format, by the type code in the third byte of the magic number. */
enum IdxType {
    UBYTE(0x08, 1, "ubyte"),
    BYTE(0x09, 1, "byte"),
    SHORT(0x0B, 2, "short"),
    INT(0x0C, 4, "int"),
    FLOAT(0x0D, 4, "float"),
    DOUBLE(0x0E, 8, "double");

    /** The codes as the error messages list them. */
    static final String CODES = "08 ubyte, 09 byte, 0B short, 0C int, 0D float, 0E double";

    final int code;
    final int size;
    final String label;

    IdxType(int code, int size, String label) {
        this.code = code;
        this.size = size;
        this.label = label;
    }

    /** The type with this code, or null. */
    static IdxType of(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    boolean integral() {
        return this != FLOAT && this != DOUBLE;
    }
}
