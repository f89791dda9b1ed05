package org.ae4j.core.model.dense;

import java.util.List;
import org.ae4j.core.spi.Activation;

/**
 * Config of the dense MLP encoder.
 *
 * @param units widths of the layers, the last one being the code, e.g. [256, 64]
 * @param activations one activation for all layers, or one per layer
 */
public record DenseEncoderConfig(List<Integer> units, List<Activation> activations) {
    public DenseEncoderConfig {
        units = List.copyOf(units);
        activations = List.copyOf(activations);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("units: expected at least one layer width, got none");
        }
        for (int u : units) {
            if (u <= 0) {
                throw new IllegalArgumentException("units: expected positive layer widths, got " + units);
            }
        }
        if (activations.size() != 1 && activations.size() != units.size()) {
            throw new IllegalArgumentException("activations: expected 1 or " + units.size()
                    + " activations (one per layer), got " + activations.size());
        }
    }

    /** The activation of layer i. */
    public Activation activation(int i) {
        return activations.size() == 1 ? activations.get(0) : activations.get(i);
    }
}
