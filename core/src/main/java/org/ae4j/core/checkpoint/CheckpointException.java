package org.ae4j.core.checkpoint;

import java.nio.file.Path;

/** A checkpoint could not be written or read; the message names the file and what is wrong. */
public final class CheckpointException extends RuntimeException {
    private final transient Path path;

    /**
     * @param path the checkpoint file
     * @param detail what is wrong, e.g. {@code truncated at byte 812: expected 4096 bytes}
     * @param cause the underlying error, or null
     */
    public CheckpointException(Path path, String detail, Throwable cause) {
        super("checkpoint " + path + ": " + detail, cause);
        this.path = path;
    }

    /** The checkpoint file this is about. */
    public Path path() {
        return path;
    }
}
