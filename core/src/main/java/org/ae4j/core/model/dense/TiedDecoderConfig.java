package org.ae4j.core.model.dense;

import org.ae4j.core.spi.Activation;

/**
 * Config of the tied decoder.
 *
 * @param output the output layer's activation; hidden layers mirror the encoder's activations
 */
public record TiedDecoderConfig(Activation output) {
    public TiedDecoderConfig {
        if (output == null) {
            throw new IllegalArgumentException("output: expected an activation, got none");
        }
    }
}
