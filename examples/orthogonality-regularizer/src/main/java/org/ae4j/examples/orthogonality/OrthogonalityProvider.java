package org.ae4j.examples.orthogonality;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Provider of {@link Orthogonality}, named {@code orthogonality}; listed in META-INF/services. */
public final class OrthogonalityProvider implements RegularizerProvider<OrthogonalityConfig> {
    @Override
    public String name() {
        return "orthogonality";
    }

    @Override
    public String description() {
        return "lambda * ||W1^T W1 - I||_F^2 on the first encoder layer's weight. lambda=0.1";
    }

    @Override
    public Class<OrthogonalityConfig> configType() {
        return OrthogonalityConfig.class;
    }

    @Override
    public OrthogonalityConfig defaultConfig() {
        return OrthogonalityConfig.defaults();
    }

    @Override
    public Regularizer create(OrthogonalityConfig config) {
        return new Orthogonality(config);
    }
}
