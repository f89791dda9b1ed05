package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;
import org.junit.jupiter.api.Test;

class CpuBackendProviderTest {
    @Test
    void theProviderIsRegisteredUnderTheNameCpu() {
        List<BackendProvider<?>> providers = ServiceLoader.load(BackendProvider.class).stream()
                .<BackendProvider<?>>map(ServiceLoader.Provider::get).toList();
        assertTrue(providers.stream().anyMatch(p -> p.name().equals("cpu") && p instanceof CpuBackendProvider),
                "providers: " + providers);
    }

    @Test
    void negativeThreadsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CpuBackendConfig(-1));
        assertEquals("threads: expected >= 0, got -1", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new CpuBackendProvider().parseConfig(Map.of("threads", "-1")));
        assertEquals("cpu: threads: expected >= 0, got -1", e2.getMessage());
    }

    @Test
    void zeroThreadsMeansOnePerProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new CpuBackendConfig(0).resolvedThreads());
        assertEquals(new CpuBackendConfig(0), new CpuBackendProvider().defaultConfig());
    }

    @Test
    void optionsConfigureTheThreadCount() {
        try (Backend b = new CpuBackendProvider().createFromOptions(Map.of("threads", "3"))) {
            assertEquals("cpu", b.name());
            assertEquals(3, ((CpuBackend) b).threads());
            assertTrue(b.describe().contains("3 threads"), b.describe());
        }
    }
}
