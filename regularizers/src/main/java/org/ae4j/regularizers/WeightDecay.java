package org.ae4j.regularizers;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.Regularizer;

/**
 * L2 weight decay: λ · Σ W² over every weight matrix of encoder and decoder (biases excluded). Not averaged over
 * the batch: it does not depend on the data. A tied decoder's weight is the encoder's and is counted once.
 */
public final class WeightDecay implements Regularizer {
    private final WeightDecayConfig config;

    public WeightDecay(WeightDecayConfig config) {
        this.config = config;
    }

    @Override
    public Node penalty(ModelContext model) {
        Node total = null;
        for (Node w : model.weights()) {
            Node s = F.sumOfSquares(w);
            total = total == null ? s : Ops.add(total, s);
        }
        return total == null ? Ops.scalar(0.0) : F.scale(total, config.lambda());
    }
}
