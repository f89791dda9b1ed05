package org.ae4j.backend.cpu;

import org.ae4j.core.spi.Backend;
import org.ae4j.testkit.BackendConformanceSuite;

/** The CPU backend against the shared conformance suite. */
class CpuBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(CpuBackendConfig.defaults());
    }

    @Override
    protected Backend createBackend(int threads) {
        return new CpuBackend(new CpuBackendConfig(threads));
    }
}
