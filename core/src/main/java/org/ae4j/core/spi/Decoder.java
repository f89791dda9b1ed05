package org.ae4j.core.spi;

import java.util.List;
import org.ae4j.core.ir.Node;

/** Maps a code back to input space, as IR. Created by a {@link DecoderProvider}. */
public interface Decoder {
    /** The parameters this decoder needs behind the given encoder, for outputs of width outputDim. */
    List<ParameterSpec> parameters(EncoderGraph encoder, int outputDim);

    /** Builds the decoder on code [B, k]; a tied decoder reads the encoder's weights from {@code encoder}. */
    DecoderGraph build(Node code, ParameterLookup params, EncoderGraph encoder, int outputDim);
}
