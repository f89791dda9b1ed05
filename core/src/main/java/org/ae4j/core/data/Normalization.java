package org.ae4j.core.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * A per-feature affine input normalization x' = (x − shift) · scale, fitted on training data and stored with the
 * model, so that encode and score apply exactly what training saw.
 *
 * @param kind how it was fitted
 * @param shift per-feature shift (length d), or empty for {@link Kind#NONE}
 * @param scale per-feature scale (length d), or empty for {@link Kind#NONE}
 */
public record Normalization(Kind kind, float[] shift, float[] scale) {
    /** How a normalization is fitted. */
    public enum Kind {
        /** Identity. */
        NONE,
        /** (x − min) / (max − min) per feature; constant features map to 0. */
        MIN_MAX,
        /** (x − mean) / std per feature (population std); constant features map to 0. */
        Z_SCORE;

        /** Parses none | min-max | z-score. */
        public static Kind parse(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "none": return NONE;
                case "min-max": return MIN_MAX;
                case "z-score": return Z_SCORE;
                default:
                    throw new IllegalArgumentException("normalization: expected none, min-max or z-score, got '" + s + "'");
            }
        }

        /** The kebab-case name. */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Normalization {
        if (kind == null) {
            throw new IllegalArgumentException("normalization: expected a kind, got none");
        }
        shift = shift.clone();
        scale = scale.clone();
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("normalization: shift has " + shift.length + " values but scale has "
                    + scale.length);
        }
        if (kind == Kind.NONE && shift.length != 0) {
            throw new IllegalArgumentException("normalization none: expected no shift or scale values");
        }
    }

    /** The identity. */
    public static Normalization none() {
        return new Normalization(Kind.NONE, new float[0], new float[0]);
    }

    /** Fits a normalization of the given kind on the data. */
    public static Normalization fit(Kind kind, Dataset data) {
        if (kind == Kind.NONE) {
            return none();
        }
        int d = data.cols();
        float[] v = data.values();
        float[] shift = new float[d];
        float[] scale = new float[d];
        if (kind == Kind.MIN_MAX) {
            float[] min = new float[d];
            float[] max = new float[d];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < v.length; i++) {
                int j = i % d;
                min[j] = Math.min(min[j], v[i]);
                max[j] = Math.max(max[j], v[i]);
            }
            for (int j = 0; j < d; j++) {
                shift[j] = min[j];
                scale[j] = max[j] > min[j] ? 1f / (max[j] - min[j]) : 0f;
            }
        } else {
            double[] sum = new double[d];
            double[] sq = new double[d];
            for (int i = 0; i < v.length; i++) {
                sum[i % d] += v[i];
            }
            int n = data.rows();
            for (int i = 0; i < v.length; i++) {
                double c = v[i] - sum[i % d] / n;
                sq[i % d] += c * c;
            }
            for (int j = 0; j < d; j++) {
                double std = Math.sqrt(sq[j] / n);
                shift[j] = (float) (sum[j] / n);
                scale[j] = std > 0 ? (float) (1.0 / std) : 0f;
            }
        }
        return new Normalization(kind, shift, scale);
    }

    /** True for the identity. */
    public boolean isIdentity() {
        return kind == Kind.NONE;
    }

    /** A new dataset with the normalization applied (the identity returns data itself). */
    public Dataset apply(Dataset data) {
        if (isIdentity()) {
            return data;
        }
        if (data.cols() != shift.length) {
            throw new IllegalArgumentException("normalization fitted on " + shift.length + " features, but "
                    + data.source() + " has " + data.cols() + " columns");
        }
        float[] out = new float[data.values().length];
        applyRows(data.values(), 0, data.rows(), out); // the Dataset below checks the values are finite
        return new Dataset(data.source(), out, data.rows(), data.cols(), data.labels());
    }

    /**
     * Writes rows [fromRow, fromRow + rows) of a row-major matrix of this normalization's width, normalized as
     * {@link #apply} does, into dst[0 …]. Not for the identity.
     *
     * @return the index in dst of the first value that is not finite, or −1 when all are
     */
    public int applyRows(float[] values, int fromRow, int rows, float[] dst) {
        int d = shift.length;
        int from = fromRow * d;
        int n = rows * d;
        int bad = -1;
        for (int i = 0; i < n; i++) {
            float v = (values[from + i] - shift[i % d]) * scale[i % d];
            if (bad < 0 && !Float.isFinite(v)) {
                bad = i;
            }
            dst[i] = v;
        }
        return bad;
    }

    @Override
    public float[] shift() {
        return shift.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.kind == kind && Arrays.equals(n.shift, shift)
                && Arrays.equals(n.scale, scale);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization[" + kind.optionName() + ", " + shift.length + " features]";
    }
}
