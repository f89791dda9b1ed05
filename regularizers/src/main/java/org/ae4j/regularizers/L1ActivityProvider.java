package org.ae4j.regularizers;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Provider of {@link L1Activity}, named {@code l1-activity}. */
public final class L1ActivityProvider implements RegularizerProvider<L1ActivityConfig> {
    @Override
    public String name() {
        return "l1-activity";
    }

    @Override
    public String description() {
        return "sparse AE: lambda * (1/B) sum_b sum_j |h_bj| over the code. lambda=0.001";
    }

    @Override
    public Class<L1ActivityConfig> configType() {
        return L1ActivityConfig.class;
    }

    @Override
    public L1ActivityConfig defaultConfig() {
        return L1ActivityConfig.defaults();
    }

    @Override
    public Regularizer create(L1ActivityConfig config) {
        return new L1Activity(config);
    }
}
