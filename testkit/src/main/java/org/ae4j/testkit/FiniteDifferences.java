package org.ae4j.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.ReferenceExecutor;

/** Central differences of a scalar graph, evaluated in double precision by the reference executor. */
public final class FiniteDifferences {
    /** The step: small enough for an O(h²) truncation error of ~1e-12, large enough for a roundoff of ~1e-10. */
    public static final double H = 1e-6;
    /** At most this many elements of each leaf are checked (chosen at random, reproducibly). */
    public static final int MAX_ELEMENTS = 24;

    private FiniteDifferences() {
    }

    /** The flat indices of a tensor of {@code size} elements to check: all, or MAX_ELEMENTS at random. */
    public static int[] indices(int size, long seed) {
        if (size <= MAX_ELEMENTS) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < MAX_ELEMENTS; i++) {
            int j = i + rnd.nextInt(size - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, MAX_ELEMENTS);
    }

    /** (f(x + h·e_i) − f(x − h·e_i)) / 2h for each index i of leaf {@code wrt}; f is the scalar {@code loss}. */
    public static double[] gradient(Node loss, Node wrt, Map<Node, double[]> feeds, int[] indices) {
        double[] out = new double[indices.length];
        Map<Node, double[]> shifted = new HashMap<>(feeds);
        double[] base = feeds.get(wrt);
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            double[] plus = base.clone();
            plus[i] += H;
            shifted.put(wrt, plus);
            double fPlus = ReferenceExecutor.evaluate(loss, shifted)[0];
            double[] minus = base.clone();
            minus[i] -= H;
            shifted.put(wrt, minus);
            double fMinus = ReferenceExecutor.evaluate(loss, shifted)[0];
            out[j] = (fPlus - fMinus) / (2 * H);
        }
        return out;
    }

    /** The entries of a full gradient at the given indices. */
    public static double[] select(double[] full, int[] indices) {
        double[] out = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = full[indices[j]];
        }
        return out;
    }
}
