package org.ae4j.backend.ort;

import java.util.Locale;

/** Which part of an autoencoder an exported ONNX file holds (metadata key {@code ae4j.part}). */
public enum ModelPart {
    /** Input {@code input} [batch, d]; outputs {@code code} [batch, k], {@code reconstruction} [batch, d], {@code score} [batch]. */
    FULL,
    /** Input {@code input} [batch, d]; output {@code code} [batch, k]. */
    ENCODER,
    /** Input {@code code} [batch, k]; output {@code reconstruction} [batch, d], in normalized units. */
    DECODER;

    /** The metadata value: {@code full}, {@code encoder} or {@code decoder}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses full | encoder | decoder. */
    public static ModelPart parse(String s) {
        for (ModelPart p : values()) {
            if (p.optionName().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("ae4j.part: expected full, encoder or decoder, got '" + s + "'");
    }
}
