package org.ae4j.backend.cpu;

/**
 * Configuration of the CPU backend.
 *
 * @param threads worker threads for matrix products; 0 means one per available processor
 */
public record CpuBackendConfig(int threads) {
    /** Validates the fields, naming the bad one. */
    public CpuBackendConfig {
        if (threads < 0) {
            throw new IllegalArgumentException("threads: expected >= 0, got " + threads);
        }
    }

    /** The default: one thread per available processor. */
    public static CpuBackendConfig defaults() {
        return new CpuBackendConfig(0);
    }

    /** The thread count this config resolves to on this machine (at least 1). */
    public int resolvedThreads() {
        return threads == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
    }
}
