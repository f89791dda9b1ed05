package org.ae4j.regularizers;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Provider of {@link WeightDecay}, named {@code weight-decay}. */
public final class WeightDecayProvider implements RegularizerProvider<WeightDecayConfig> {
    @Override
    public String name() {
        return "weight-decay";
    }

    @Override
    public String description() {
        return "L2 penalty lambda * sum W^2 over all weight matrices (not biases). lambda=0.0001";
    }

    @Override
    public Class<WeightDecayConfig> configType() {
        return WeightDecayConfig.class;
    }

    @Override
    public WeightDecayConfig defaultConfig() {
        return WeightDecayConfig.defaults();
    }

    @Override
    public Regularizer create(WeightDecayConfig config) {
        return new WeightDecay(config);
    }
}
