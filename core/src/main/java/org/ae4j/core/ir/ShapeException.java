package org.ae4j.core.ir;

/** Thrown when a node is built from operands whose shapes do not fit; the message names the op and shapes. */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
