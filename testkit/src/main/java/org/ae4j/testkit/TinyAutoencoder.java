package org.ae4j.testkit;

import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;

/**
 * A tied-weight sigmoid autoencoder written directly in IR, with its SGD step as a program update:
 * x [16,8] (INPUT), W [8,3] (PARAMETER), h = σ(x·W), x̂ = h·Wᵀ, loss = (1/16)·Σ (x̂ − x)², W' = W − lr·∂loss/∂W.
 * The data lie near a 2-dimensional subspace, so three units can fit them well.
 */
public final class TinyAutoencoder {
    /** Rows in the batch. */
    public static final int ROWS = 16;
    /** Features. */
    public static final int FEATURES = 8;
    /** Code units. */
    public static final int UNITS = 3;

    public final Node x = Ops.input("x", Shape.of(ROWS, FEATURES));
    public final Node w = Ops.parameter("W", Shape.of(FEATURES, UNITS));
    public final Node loss;
    public final Node gradient;
    public final Program program;

    /** The model with learning rate lr. */
    public TinyAutoencoder(double lr) {
        Node h = F.sigmoid(Ops.matmul(x, w));
        Node reconstruction = Ops.matmul(h, w, false, true);
        loss = Ops.mul(Ops.sumAll(F.squaredError(reconstruction, x)), Ops.scalar(1.0 / ROWS));
        gradient = Autodiff.gradient(loss, w);
        Node updated = Ops.sub(w, Ops.mul(gradient, Ops.scalar(lr)));
        program = Program.of(List.of(loss), Map.of(w, updated));
    }

    /** The batch: rows z·B/2 + 0.25 with z uniform in [0,1]² and B uniform in [0,1]^(2×8). */
    public static float[] data(long seed) {
        Values v = new Values(seed);
        double[] z = v.uniform(Shape.of(ROWS, 2), 0, 1);
        double[] basis = v.uniform(Shape.of(2, FEATURES), 0, 1);
        float[] out = new float[ROWS * FEATURES];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < FEATURES; c++) {
                out[r * FEATURES + c] = (float) (0.25 + 0.5 * (z[r * 2] * basis[c] + z[r * 2 + 1] * basis[FEATURES + c]));
            }
        }
        return out;
    }

    /** Initial weights uniform in [−0.5, 0.5). */
    public static float[] initialWeights(long seed) {
        return Runs.toFloat(new Values(seed).uniform(Shape.of(FEATURES, UNITS), -0.5, 0.5));
    }
}
