package org.ae4j.core.spi;

import java.util.List;
import org.ae4j.core.ir.Node;

/** Maps an input batch to a code, as IR. Created by an {@link EncoderProvider}. */
public interface Encoder {
    /** Width of the code. */
    int codeDim();

    /** The parameters this encoder needs for inputs of the given width. */
    List<ParameterSpec> parameters(int inputDim);

    /** Builds the encoder on x [B, d] with the given parameter nodes; may be called several times per graph. */
    EncoderGraph build(Node x, ParameterLookup params);
}
