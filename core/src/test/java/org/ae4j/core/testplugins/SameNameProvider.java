package org.ae4j.core.testplugins;

import org.ae4j.core.ir.Ops;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** Claims the same name as {@link CodeL2Provider}, to test duplicate detection. */
public final class SameNameProvider implements RegularizerProvider<CodeL2Provider.Config> {
    @Override
    public String name() {
        return "test-code-l2";
    }

    @Override
    public String description() {
        return "duplicate";
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
        return model -> Ops.scalar(0);
    }
}
