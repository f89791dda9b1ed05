package org.ae4j.datasets;

import java.util.Locale;

/** A part of a named dataset: the training or the test examples. */
public enum Split {
    TRAIN("train", "train"),
    TEST("test", "t10k");

    private final String label;
    private final String filePrefix;

    Split(String label, String filePrefix) {
        this.label = label;
        this.filePrefix = filePrefix;
    }

    /** The lower-case name used on the command line: {@code train} or {@code test}. */
    public String label() {
        return label;
    }

    /** The prefix of this split's files in the MNIST layout: {@code train} or {@code t10k}. */
    String filePrefix() {
        return filePrefix;
    }

    /** Parses {@code train} or {@code test} (any case). */
    public static Split parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Split s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new DatasetException("split: expected train or test, got '" + text + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
