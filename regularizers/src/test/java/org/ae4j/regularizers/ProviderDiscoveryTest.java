package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionProvider;
import org.ae4j.core.spi.PluginProvider;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;
import org.junit.jupiter.api.Test;

/** Every provider of this module is found by ServiceLoader, named uniquely in kebab-case, with working defaults. */
class ProviderDiscoveryTest {
    private static final String KEBAB = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    private static List<PluginProvider<?, ?>> ours() {
        List<PluginProvider<?, ?>> out = new ArrayList<>();
        for (RegularizerProvider<?> p : ServiceLoader.load(RegularizerProvider.class)) {
            if (p.getClass().getPackageName().equals("org.ae4j.regularizers")) {
                out.add(p);
            }
        }
        for (CorruptionProvider<?> p : ServiceLoader.load(CorruptionProvider.class)) {
            if (p.getClass().getPackageName().equals("org.ae4j.regularizers")) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void everyProviderIsDiscoveredUnderItsDocumentedName() {
        Set<String> names = new HashSet<>();
        ours().forEach(p -> names.add(p.name()));

        assertEquals(Set.of("kl-sparsity", "l1-activity", "contractive", "weight-decay", "gaussian", "masking",
                "salt-and-pepper"), names);
    }

    @Test
    void namesAreUniqueAndKebabCase() {
        Set<String> seen = new HashSet<>();
        for (PluginProvider<?, ?> p : ours()) {
            assertTrue(p.name().matches(KEBAB), p.name());
            assertTrue(seen.add(p.name()), "duplicate name " + p.name());
            assertFalse(p.description().isBlank(), p.name());
        }
        Set<String> all = new HashSet<>();
        ServiceLoader.load(RegularizerProvider.class).forEach(p -> assertTrue(all.add("r:" + p.name()), p.name()));
        ServiceLoader.load(CorruptionProvider.class).forEach(p -> assertTrue(all.add("c:" + p.name()), p.name()));
    }

    @Test
    void registryLoadsEveryProviderWithoutFailures() {
        PluginRegistry registry = new PluginRegistry();

        assertTrue(registry.failures().isEmpty(), registry.failures().toString());
        for (PluginProvider<?, ?> p : ours()) {
            if (p instanceof RegularizerProvider<?>) {
                assertNotNull(registry.create(PluginKind.REGULARIZER, Regularizer.class, p.name()).instance());
            } else {
                assertNotNull(registry.create(PluginKind.CORRUPTION, Corruption.class, p.name()).instance());
            }
        }
    }

    @Test
    void defaultConfigConstructsAndMatchesEmptyOptions() {
        for (PluginProvider<?, ?> p : ours()) {
            Record config = p.defaultConfig();

            assertNotNull(p.createUnchecked(config), p.name());
            assertEquals(p.configType(), config.getClass(), p.name());
            assertEquals(config, p.parseConfig(Map.of()), p.name());
        }
    }
}
