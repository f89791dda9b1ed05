package org.ae4j.examples.orthogonality;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.Regularizer;

/**
 * Soft orthogonality: λ · ‖W₁ᵀW₁ − I‖²_F for the first encoder layer's weight W₁ [in, k], pushing its k columns
 * towards an orthonormal set. Not averaged over the batch: it does not depend on the data. Only IR is written
 * here; autodiff supplies the gradient and every backend runs it.
 */
public final class Orthogonality implements Regularizer {
    private final OrthogonalityConfig config;

    public Orthogonality(OrthogonalityConfig config) {
        this.config = config;
    }

    @Override
    public Node penalty(ModelContext model) {
        if (model.encoder().layers().isEmpty()) {
            throw new IllegalArgumentException("orthogonality: expected an encoder with at least one dense layer, got none");
        }
        Node w = model.encoder().layers().get(0).weight();
        int k = w.shape().dim(1);
        Node gram = Ops.matmul(w, w, true, false);
        return F.scale(F.sumOfSquares(Ops.sub(gram, identity(k))), config.lambda());
    }

    /** The k × k identity as a constant. */
    private static Node identity(int k) {
        double[] eye = new double[k * k];
        for (int i = 0; i < k; i++) {
            eye[i * k + i] = 1.0;
        }
        return Ops.constant(Shape.of(k, k), eye);
    }
}
