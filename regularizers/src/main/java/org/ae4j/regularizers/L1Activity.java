package org.ae4j.regularizers;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.Regularizer;

/** L1 activity sparsity on the code: λ · (1/B) Σ_b Σ_j |h_bj|. Works with any code activation. */
public final class L1Activity implements Regularizer {
    private final L1ActivityConfig config;

    public L1Activity(L1ActivityConfig config) {
        this.config = config;
    }

    @Override
    public Node penalty(ModelContext model) {
        return F.scale(F.meanRowSum(Ops.abs(model.encoder().code())), config.lambda());
    }
}
