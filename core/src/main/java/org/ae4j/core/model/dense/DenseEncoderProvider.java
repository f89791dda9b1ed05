package org.ae4j.core.model.dense;

import java.util.List;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.EncoderProvider;

/** Provider of the dense MLP encoder, named {@code dense}. */
public final class DenseEncoderProvider implements EncoderProvider<DenseEncoderConfig> {
    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "dense MLP encoder: units=W1/W2/..., activations=sigmoid|tanh|relu|softplus|identity (one or per layer)";
    }

    @Override
    public Class<DenseEncoderConfig> configType() {
        return DenseEncoderConfig.class;
    }

    @Override
    public DenseEncoderConfig defaultConfig() {
        return new DenseEncoderConfig(List.of(64), List.of(Activation.SIGMOID));
    }

    @Override
    public Encoder create(DenseEncoderConfig config) {
        return new DenseEncoder(config);
    }
}
