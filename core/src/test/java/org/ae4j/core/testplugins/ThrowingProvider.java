package org.ae4j.core.testplugins;

import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Throws while being instantiated by ServiceLoader. */
public final class ThrowingProvider implements RegularizerProvider<CodeL2Provider.Config> {
    public ThrowingProvider() {
        throw new IllegalStateException("boom: this provider cannot start");
    }

    @Override
    public String name() {
        return "test-throwing";
    }

    @Override
    public String description() {
        return "never loads";
    }

    @Override
    public Class<CodeL2Provider.Config> configType() {
        return CodeL2Provider.Config.class;
    }

    @Override
    public CodeL2Provider.Config defaultConfig() {
        return new CodeL2Provider.Config(0);
    }

    @Override
    public Regularizer create(CodeL2Provider.Config config) {
        return null;
    }
}
