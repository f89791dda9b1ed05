package org.ae4j.testkit;

import java.util.Random;
import org.ae4j.core.ir.Shape;

/** Seeded test values, rounded to float32 so the backend and the reference see the same numbers. */
public final class Values {
    private final Random rnd;

    public Values(long seed) {
        this.rnd = new Random(seed);
    }

    /** Uniform in [lo, hi). */
    public double[] uniform(Shape shape, double lo, double hi) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f32(lo + (hi - lo) * rnd.nextDouble());
        }
        return v;
    }

    /** |x| uniform in [lo, hi), random sign: keeps away from the kink of ABS and the jump of SIGN. */
    public double[] awayFromZero(Shape shape, double lo, double hi) {
        double[] v = uniform(shape, lo, hi);
        for (int i = 0; i < v.length; i++) {
            if (rnd.nextBoolean()) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /**
     * Values on a grid with the given offset: 0.2·j + offset for j in [−4, 4]. Two tensors with offsets 0 and 0.1
     * are at least 0.1 apart element by element, whatever the broadcasting, so MAXIMUM, MINIMUM and GREATER are
     * differentiable (or constant) there.
     */
    public double[] grid(Shape shape, double offset) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f32(0.2 * (rnd.nextInt(9) - 4) + offset);
        }
        return v;
    }

    /** Rounds to float32 and back. */
    public static double f32(double x) {
        return (float) x;
    }
}
