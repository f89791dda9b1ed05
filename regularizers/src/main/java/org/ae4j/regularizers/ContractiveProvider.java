package org.ae4j.regularizers;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Provider of {@link Contractive}, named {@code contractive}. */
public final class ContractiveProvider implements RegularizerProvider<ContractiveConfig> {
    @Override
    public String name() {
        return "contractive";
    }

    @Override
    public String description() {
        return "contractive AE: lambda * (1/B) sum_b ||J_f(x_b)||_F^2; mode=exact|stochastic|higher-order, probes=k,"
                + " gamma, epsilon (CAE+H). lambda=0.1, mode=exact, probes=1, gamma=0.1, epsilon=0.1";
    }

    @Override
    public Class<ContractiveConfig> configType() {
        return ContractiveConfig.class;
    }

    @Override
    public ContractiveConfig defaultConfig() {
        return ContractiveConfig.defaults();
    }

    @Override
    public Regularizer create(ContractiveConfig config) {
        return new Contractive(config);
    }
}
