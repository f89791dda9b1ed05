package org.ae4j.regularizers;

import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionProvider;

/** Provider of {@link MaskingCorruption}, named {@code masking}. */
public final class MaskingProvider implements CorruptionProvider<MaskingConfig> {
    @Override
    public String name() {
        return "masking";
    }

    @Override
    public String description() {
        return "denoising AE: each feature zeroed with probability level. level=0.25";
    }

    @Override
    public Class<MaskingConfig> configType() {
        return MaskingConfig.class;
    }

    @Override
    public MaskingConfig defaultConfig() {
        return MaskingConfig.defaults();
    }

    @Override
    public Corruption create(MaskingConfig config) {
        return new MaskingCorruption(config);
    }
}
