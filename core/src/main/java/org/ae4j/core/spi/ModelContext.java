package org.ae4j.core.spi;

import java.util.List;
import org.ae4j.core.ir.Node;

/** The built model that a {@link Regularizer} writes its penalty over. */
public interface ModelContext extends CorruptionContext {
    /** The clean input batch x [B, d]. */
    Node input();

    /** The encoder's input x̃: the corrupted batch, or x when there is no corruption. */
    Node encoderInput();

    /** The encoder as built on {@link #encoderInput()}. */
    EncoderGraph encoder();

    /** The decoder as built on the code. */
    DecoderGraph decoder();

    /** The batch size B. */
    int batchSize();

    /** The weight matrices of encoder and decoder (not biases), in declaration order. */
    List<Node> weights();

    /** A parameter node by name. */
    Node parameter(String name);

    /** The encoder built again on another input, sharing the same parameters (e.g. for x + ε). */
    EncoderGraph encode(Node input);
}
