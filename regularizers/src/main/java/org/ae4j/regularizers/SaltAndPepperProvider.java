package org.ae4j.regularizers;

import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionProvider;

/** Provider of {@link SaltAndPepperCorruption}, named {@code salt-and-pepper}. */
public final class SaltAndPepperProvider implements CorruptionProvider<SaltAndPepperConfig> {
    @Override
    public String name() {
        return "salt-and-pepper";
    }

    @Override
    public String description() {
        return "denoising AE: each feature set to the data min or max (half each) with probability level. level=0.1";
    }

    @Override
    public Class<SaltAndPepperConfig> configType() {
        return SaltAndPepperConfig.class;
    }

    @Override
    public SaltAndPepperConfig defaultConfig() {
        return SaltAndPepperConfig.defaults();
    }

    @Override
    public Corruption create(SaltAndPepperConfig config) {
        return new SaltAndPepperCorruption(config);
    }
}
