package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;

/**
 * A penalty added to the loss, written as IR over what the {@link ModelContext} exposes. It must return the
 * weighted term (e.g. β·Ω), a scalar. Autodiff differentiates it; no gradient is written by hand.
 */
public interface Regularizer {
    /** The weighted penalty, a scalar node. Throws IllegalArgumentException if the model does not suit it. */
    Node penalty(ModelContext model);
}
