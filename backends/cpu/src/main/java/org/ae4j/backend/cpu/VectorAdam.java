package org.ae4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link AdamStep}'s loop on the incubating Vector API; only loaded when {@link Simd#ENABLED}. Same bits. */
final class VectorAdam {
    private static final VectorSpecies<Float> F =
            FloatVector.SPECIES_PREFERRED.length() >= 16 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;

    private VectorAdam() {
    }

    /** Updates elements from … (the largest vector-aligned end ≤ to); returns that end. */
    static int update(float[] p, float[] g, float[] m, float[] v, float[] p2, float[] m2, float[] v2, int from,
                      int to, float b1, float c1, float b2, float c2, float c, float eps, float s) {
        int bound = from + F.loopBound(to - from);
        int i = from;
        for (; i < bound; i += F.length()) {
            FloatVector gi = FloatVector.fromArray(F, g, i);
            FloatVector mi = FloatVector.fromArray(F, m, i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(F, v, i).mul(b2).add(gi.mul(gi).mul(c2));
            FloatVector d = vi.sqrt().div(c).add(eps);
            mi.intoArray(m2, i);
            vi.intoArray(v2, i);
            FloatVector.fromArray(F, p, i).sub(mi.div(d).mul(s)).intoArray(p2, i);
        }
        return i;
    }
}
