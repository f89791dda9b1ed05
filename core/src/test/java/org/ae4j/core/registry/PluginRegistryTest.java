package org.ae4j.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.core.model.Component;
import org.ae4j.core.spi.Regularizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    @TempDir
    Path dir;

    private ClassLoader withServices(String... providerClasses) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.ae4j.core.spi.RegularizerProvider"),
                String.join("\n", providerClasses) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void pluginDefinedInTestSourcesIsDiscoveredAndListed() {
        PluginRegistry r = new PluginRegistry();
        assertTrue(r.providers(PluginKind.REGULARIZER).containsKey("test-code-l2"));
        assertTrue(r.providers(PluginKind.ENCODER).containsKey("dense"));
        assertTrue(r.providers(PluginKind.DECODER).containsKey("tied"));
        assertTrue(r.providers(PluginKind.BACKEND).containsKey("reference"));
        assertTrue(r.failures().isEmpty(), r.failures().toString());
    }

    @Test
    void createsAPluginFromAUserSpec() {
        Component<Regularizer> c = new PluginRegistry().create(PluginKind.REGULARIZER, Regularizer.class,
                "test-code-l2:lambda=0.5");
        assertEquals("test-code-l2:lambda=0.5", c.spec());
    }

    @Test
    void duplicateNameFailsNamingBothClasses() throws IOException {
        ClassLoader loader = withServices("org.ae4j.core.testplugins.SameNameProvider");
        PluginException e = assertThrows(PluginException.class, () -> new PluginRegistry(loader));
        assertTrue(e.getMessage().contains("duplicate regularizer name 'test-code-l2'"), e.getMessage());
        assertTrue(e.getMessage().contains("org.ae4j.core.testplugins.CodeL2Provider"), e.getMessage());
        assertTrue(e.getMessage().contains("org.ae4j.core.testplugins.SameNameProvider"), e.getMessage());
    }

    @Test
    void throwingProviderIsNamedWhileOthersStillLoad() throws IOException {
        ClassLoader loader = withServices("org.ae4j.core.testplugins.ThrowingProvider");
        PluginRegistry r = new PluginRegistry(loader);
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).contains("org.ae4j.core.testplugins.ThrowingProvider"), r.failures().get(0));
        assertTrue(r.providers(PluginKind.REGULARIZER).containsKey("test-code-l2"));
        assertTrue(r.providers(PluginKind.ENCODER).containsKey("dense"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        PluginException e = assertThrows(PluginException.class,
                () -> new PluginRegistry().provider(PluginKind.REGULARIZER, "kl-sparsty"));
        assertTrue(e.getMessage().contains("unknown regularizer 'kl-sparsty'; known: test-code-l2"), e.getMessage());
    }

    @Test
    void invalidOptionValueNamesTheFieldAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PluginRegistry()
                .create(PluginKind.REGULARIZER, Regularizer.class, "test-code-l2:lambda=-1"));
        assertEquals("test-code-l2: lambda: expected >= 0, got -1.0", e.getMessage());
    }

    @Test
    void unknownOptionListsTheKnownOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PluginRegistry()
                .create(PluginKind.REGULARIZER, Regularizer.class, "test-code-l2:lamda=1"));
        assertEquals("test-code-l2: unknown option 'lamda'; known options: lambda", e.getMessage());
    }
}
