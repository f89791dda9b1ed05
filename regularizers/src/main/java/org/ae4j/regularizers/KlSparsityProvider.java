package org.ae4j.regularizers;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Provider of {@link KlSparsity}, named {@code kl-sparsity}. */
public final class KlSparsityProvider implements RegularizerProvider<KlSparsityConfig> {
    @Override
    public String name() {
        return "kl-sparsity";
    }

    @Override
    public String description() {
        return "sparse AE: beta * sum_j KL(rho || batch mean of code unit j); needs a sigmoid code. rho=0.05, beta=3";
    }

    @Override
    public Class<KlSparsityConfig> configType() {
        return KlSparsityConfig.class;
    }

    @Override
    public KlSparsityConfig defaultConfig() {
        return KlSparsityConfig.defaults();
    }

    @Override
    public Regularizer create(KlSparsityConfig config) {
        return new KlSparsity(config);
    }
}
