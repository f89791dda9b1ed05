package org.ae4j.core.optim;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Shape;

/** Creates the persistent state tensors an optimizer needs; each starts at zero. */
@FunctionalInterface
public interface OptimizerState {
    /** A PARAMETER node for optimizer state, zero-initialised, named {@code optimizer.<name>}. */
    Node create(String name, Shape shape);
}
