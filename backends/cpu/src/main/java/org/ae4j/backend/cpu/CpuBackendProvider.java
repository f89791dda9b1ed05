package org.ae4j.backend.cpu;

import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;

/** Provides the {@code cpu} backend: a pure-Java float32 executor. */
public final class CpuBackendProvider implements BackendProvider<CpuBackendConfig> {
    /** The provider name. */
    public static final String NAME = "cpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pure-Java float32 executor: memory planned once per program, packed multi-threaded GEMM";
    }

    @Override
    public Class<CpuBackendConfig> configType() {
        return CpuBackendConfig.class;
    }

    @Override
    public CpuBackendConfig defaultConfig() {
        return CpuBackendConfig.defaults();
    }

    @Override
    public Backend create(CpuBackendConfig config) {
        return new CpuBackend(config);
    }
}
