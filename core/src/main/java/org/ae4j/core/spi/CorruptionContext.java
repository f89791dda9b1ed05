package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Shape;

/** What a corruption or penalty may ask of the graph under construction: fresh noise, and the data range. */
public interface CorruptionContext {
    /**
     * A new INPUT node that the trainer fills before every step with {@code sampler}, from its seeded generator.
     * Names must be unique within a model; prefix them with the plugin name.
     */
    Node noise(String name, Shape shape, NoiseSampler sampler);

    /** The smallest value in the (normalized) training data. */
    double dataMin();

    /** The largest value in the (normalized) training data. */
    double dataMax();
}
