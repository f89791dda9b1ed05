package org.ae4j.core.spi;

import org.ae4j.core.ir.Shape;

/**
 * A trainable tensor a model part declares.
 *
 * @param name unique dotted name, e.g. {@code encoder.0.weight}
 * @param shape its shape
 * @param init how to initialise it
 * @param isWeight true for weight matrices (subject to weight decay), false for biases
 */
public record ParameterSpec(String name, Shape shape, Initializer init, boolean isWeight) {
}
