package org.ae4j.core.model.dense;

import java.util.List;
import org.ae4j.core.spi.Activation;

/**
 * Config of the dense MLP decoder.
 *
 * @param units widths of the hidden layers between code and output; ignored when {@code mirror} is set
 * @param activations one activation for all hidden layers, or one per hidden layer; ignored when mirroring
 * @param output the output layer's activation
 * @param mirror when true, the hidden layers mirror the encoder's (widths and activations reversed)
 */
public record DenseDecoderConfig(List<Integer> units, List<Activation> activations, Activation output, boolean mirror) {
    public DenseDecoderConfig {
        units = List.copyOf(units);
        activations = List.copyOf(activations);
        for (int u : units) {
            if (u <= 0) {
                throw new IllegalArgumentException("units: expected positive layer widths, got " + units);
            }
        }
        if (!mirror && !units.isEmpty() && activations.size() != 1 && activations.size() != units.size()) {
            throw new IllegalArgumentException("activations: expected 1 or " + units.size()
                    + " activations (one per hidden layer), got " + activations.size());
        }
        if (!mirror && !units.isEmpty() && activations.isEmpty()) {
            throw new IllegalArgumentException("activations: expected at least one activation for the hidden layers");
        }
        if (output == null) {
            throw new IllegalArgumentException("output: expected an activation, got none");
        }
    }
}
