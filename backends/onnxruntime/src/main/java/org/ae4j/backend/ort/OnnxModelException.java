package org.ae4j.backend.ort;

import java.nio.file.Path;

/** An ae4j ONNX model file could not be written or read; the message names the file and what is wrong. */
public final class OnnxModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    /**
     * @param path the model file
     * @param detail what is wrong, e.g. {@code initializer 'encoder.0.weight': expected shape [784, 64], found [64, 784]}
     * @param cause the underlying error, or null
     */
    public OnnxModelException(Path path, String detail, Throwable cause) {
        super("onnx model " + path + ": " + detail, cause);
        this.path = path;
    }

    /** The model file this is about. */
    public Path path() {
        return path;
    }
}
