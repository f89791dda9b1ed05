package org.ae4j.backend.ort;

/**
 * A plugin config whose option string can contain anything, for the export error tests (public: ConfigBinder reads
 * it reflectively).
 *
 * @param note any text
 */
public record OddConfig(String note) {
}
