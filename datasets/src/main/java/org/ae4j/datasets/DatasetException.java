package org.ae4j.datasets;

/** Bad or missing input data; the message says what was expected, what was found, and where. */
public final class DatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
