package org.ae4j.examples.orthogonality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ae4j.core.model.Component;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Regularizer;
import org.junit.jupiter.api.Test;

class OrthogonalityDiscoveryTest {
    private final PluginRegistry registry = new PluginRegistry();

    @Test
    void isDiscoveredFromTheClasspathAsARegularizer() {
        assertTrue(registry.providers(PluginKind.REGULARIZER).containsKey("orthogonality"),
                "regularizers found: " + registry.providers(PluginKind.REGULARIZER).keySet());
        assertInstanceOf(OrthogonalityProvider.class, registry.regularizer("orthogonality"));
        assertTrue(registry.failures().isEmpty(), registry.failures().toString());
    }

    @Test
    void isCreatedFromAUserSpecString() {
        Component<Regularizer> c = registry.create(PluginKind.REGULARIZER, Regularizer.class, "orthogonality:lambda=0.5");
        assertEquals("orthogonality", c.provider());
        assertEquals(new OrthogonalityConfig(0.5), c.config());
        assertInstanceOf(Orthogonality.class, c.instance());
    }

    @Test
    void negativeLambdaIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrthogonalityConfig(-1));
        assertEquals("lambda: expected >= 0, got -1.0", e.getMessage());
        IllegalArgumentException fromSpec = assertThrows(IllegalArgumentException.class,
                () -> registry.create(PluginKind.REGULARIZER, Regularizer.class, "orthogonality:lambda=-1"));
        assertTrue(fromSpec.getMessage().contains("lambda: expected >= 0, got -1.0"), fromSpec.getMessage());
    }
}
