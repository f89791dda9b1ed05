package org.ae4j.backend.ort;

import org.ae4j.core.spi.Backend;
import org.ae4j.testkit.BackendConformanceSuite;

/**
 * The ONNX Runtime backend against the shared conformance suite, on the device named by the system property
 * {@code ae4j.ort.device} (cpu unless scripts/gpu-check.sh says cuda).
 */
class OrtBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new OrtBackend(new OrtBackendConfig(OrtTesting.DEVICE, 0));
    }

    @Override
    protected Backend createBackend(int threads) {
        return new OrtBackend(new OrtBackendConfig(OrtTesting.DEVICE, threads));
    }

    /**
     * A run allocates only the boolean[] ORT's native run returns (24 bytes for the suite's model, whose graph has two
     * outputs); ORT's public run method, which this backend skips ({@link PinnedRun}), allocated about 630.
     */
    @Override
    protected long maxBytesAllocatedPerRun() {
        return 32;
    }
}
