package org.ae4j.core.model.dense;

import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.DecoderProvider;

/** Provider of the tied decoder, named {@code tied}. */
public final class TiedDecoderProvider implements DecoderProvider<TiedDecoderConfig> {
    @Override
    public String name() {
        return "tied";
    }

    @Override
    public String description() {
        return "decoder tied to the encoder (transposed encoder weights, own biases); output= the output activation";
    }

    @Override
    public Class<TiedDecoderConfig> configType() {
        return TiedDecoderConfig.class;
    }

    @Override
    public TiedDecoderConfig defaultConfig() {
        return new TiedDecoderConfig(Activation.SIGMOID);
    }

    @Override
    public Decoder create(TiedDecoderConfig config) {
        return new TiedDecoder(config);
    }
}
