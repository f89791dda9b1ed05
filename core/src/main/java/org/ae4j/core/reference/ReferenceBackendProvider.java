package org.ae4j.core.reference;

import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;

/** Provider of the {@code reference} backend (double precision, for checking and debugging). */
public final class ReferenceBackendProvider implements BackendProvider<ReferenceBackendProvider.Config> {
    /** The reference backend has no options. */
    public record Config() {
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "the double-precision reference executor: slow, obviously correct; for checks and debugging";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config();
    }

    @Override
    public Backend create(Config config) {
        return new ReferenceBackend();
    }
}
