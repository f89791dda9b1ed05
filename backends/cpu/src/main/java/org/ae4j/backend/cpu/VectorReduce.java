package org.ae4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Layout}'s column sums on the incubating Vector API; only loaded when {@link Simd#ENABLED}. Each float is
 * widened to double exactly and added to its column's running sum, row after row, as the scalar loop does: the
 * same bits.
 */
final class VectorReduce {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));

    private VectorReduce() {
    }

    /** acc[ao + j] += in[io + r·ld + j] for r &lt; rows (in that order), j &lt; n. */
    static void accumulateRows(float[] in, int io, int rows, int ld, double[] acc, int ao, int n) {
        int lanes = D.length();
        int bound = n - n % lanes;
        for (int r = 0; r < rows; r++) {
            int row = io + r * ld;
            int j = 0;
            for (; j < bound; j += lanes) {
                DoubleVector x = (DoubleVector) FloatVector.fromArray(F, in, row + j)
                        .convertShape(VectorOperators.F2D, D, 0);
                DoubleVector.fromArray(D, acc, ao + j).add(x).intoArray(acc, ao + j);
            }
            for (; j < n; j++) {
                acc[ao + j] += in[row + j];
            }
        }
    }
}
