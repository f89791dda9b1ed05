package org.ae4j.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.ae4j.core.inject.Ae4jModule;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.Trainer;
import org.junit.jupiter.api.Test;

class Ae4jModuleTest {
    @Test
    void bindsTheRegistryAndTheChosenBackend() {
        Injector injector = Guice.createInjector(new Ae4jModule("reference"));
        assertSame(injector.getInstance(PluginRegistry.class), injector.getInstance(PluginRegistry.class));
        assertEquals("reference", injector.getInstance(Backend.class).name());
        assertEquals("reference", injector.getInstance(Trainer.class).backend().name());
    }
}
