package org.ae4j.core.model.dense;

import java.util.List;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.DecoderProvider;

/** Provider of the dense MLP decoder, named {@code dense}. */
public final class DenseDecoderProvider implements DecoderProvider<DenseDecoderConfig> {
    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "dense MLP decoder with its own weights; mirror=true mirrors the encoder, output= the output activation";
    }

    @Override
    public Class<DenseDecoderConfig> configType() {
        return DenseDecoderConfig.class;
    }

    @Override
    public DenseDecoderConfig defaultConfig() {
        return new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
    }

    @Override
    public Decoder create(DenseDecoderConfig config) {
        return new DenseDecoder(config);
    }
}
