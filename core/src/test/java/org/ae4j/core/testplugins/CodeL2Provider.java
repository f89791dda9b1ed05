package org.ae4j.core.testplugins;

import org.ae4j.core.ir.F;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;

/** A plugin that lives only in the test source set: λ · mean over rows of Σ_j h_j². */
public final class CodeL2Provider implements RegularizerProvider<CodeL2Provider.Config> {
    /** @param lambda weight, &ge; 0 */
    public record Config(double lambda) {
        public Config {
            if (!(lambda >= 0)) {
                throw new IllegalArgumentException("lambda: expected >= 0, got " + lambda);
            }
        }
    }

    @Override
    public String name() {
        return "test-code-l2";
    }

    @Override
    public String description() {
        return "test only: lambda * mean row sum of squared codes";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(1.0);
    }

    @Override
    public Regularizer create(Config config) {
        return model -> F.scale(F.meanRowSum(F.square(model.encoder().code())), config.lambda());
    }
}
