package org.ae4j.core.checkpoint;

/** The bytes of a checkpoint are not a valid checkpoint; {@link CheckpointStore} adds the file name. */
final class MalformedCheckpointException extends RuntimeException {
    MalformedCheckpointException(String message) {
        super(message);
    }
}
