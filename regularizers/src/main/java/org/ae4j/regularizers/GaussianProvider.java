package org.ae4j.regularizers;

import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionProvider;

/** Provider of {@link GaussianCorruption}, named {@code gaussian}. */
public final class GaussianProvider implements CorruptionProvider<GaussianConfig> {
    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "denoising AE: x + sigma * N(0,1), clip=true clips to the data range. sigma=0.1, clip=false";
    }

    @Override
    public Class<GaussianConfig> configType() {
        return GaussianConfig.class;
    }

    @Override
    public GaussianConfig defaultConfig() {
        return GaussianConfig.defaults();
    }

    @Override
    public Corruption create(GaussianConfig config) {
        return new GaussianCorruption(config);
    }
}
