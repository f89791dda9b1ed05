package org.ae4j.testkit;

import org.ae4j.core.spi.Backend;

/** The suite against the oracle itself: a check that fails here is a bug in the suite, not in a backend. */
class ReferenceBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }

    @Override
    protected long maxBytesAllocatedPerRun() {
        return -1;
    }
}
