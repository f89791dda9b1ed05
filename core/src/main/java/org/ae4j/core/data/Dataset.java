package org.ae4j.core.data;

import java.util.Objects;

/**
 * A dense row-major float32 matrix of examples, optionally with integer labels. Values must be finite: the
 * constructor rejects NaN and infinity, naming the source, row and column.
 */
public final class Dataset {
    private final String source;
    private final float[] values;
    private final int rows;
    private final int cols;
    private final int[] labels;
    /** {min, max} of the values, computed on first use (one pass for both); a race computes it twice, the same. */
    private volatile float[] range;

    /**
     * @param source where the data came from (a file, a dataset name), used in error messages
     * @param values rows·cols values, row-major; not copied
     * @param rows number of examples
     * @param cols number of features
     * @param labels one label per row, or null
     */
    public Dataset(String source, float[] values, int rows, int cols, int[] labels) {
        this(source, values, rows, cols, labels, false);
    }

    /** As above; {@code finite} true when every value is known to be finite already (rows of a dataset). */
    private Dataset(String source, float[] values, int rows, int cols, int[] labels, boolean finite) {
        this.source = Objects.requireNonNull(source, "source");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(source + ": expected at least one row and one column, got "
                    + rows + " rows and " + cols + " columns");
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(source + ": expected " + ((long) rows * cols) + " values for "
                    + rows + "x" + cols + ", got " + values.length);
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(source + ": expected one label per row (" + rows + "), got "
                    + labels.length + " labels");
        }
        if (!finite) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException(source + ": row " + (i / cols) + ", column " + (i % cols)
                            + ": expected a finite number, got " + values[i]);
                }
            }
        }
        this.values = values;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
    }

    /** A dataset without labels. */
    public Dataset(String source, float[] values, int rows, int cols) {
        this(source, values, rows, cols, null);
    }

    public String source() {
        return source;
    }

    /** The backing array (row-major, not a copy: do not modify). */
    public float[] values() {
        return values;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** True when labels are present. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The backing label array, or null (not a copy). */
    public int[] labels() {
        return labels;
    }

    /** Value at (row, col). */
    public float get(int row, int col) {
        return values[row * cols + col];
    }

    /** The rows [from, to) as a new dataset (copied). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > rows || from >= to) {
            throw new IllegalArgumentException(source + ": bad row range [" + from + ", " + to + ") of " + rows);
        }
        float[] v = java.util.Arrays.copyOfRange(values, from * cols, to * cols);
        int[] l = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
        // Rows of this dataset, checked when it was made: not checked again (8,192 rows of 784 took about 2 ms).
        return new Dataset(source + "[" + from + ":" + to + "]", v, to - from, cols, l, true);
    }

    /** Smallest value (computed once, with {@link #max}). */
    public float min() {
        return range()[0];
    }

    /** Largest value (computed once, with {@link #min}). */
    public float max() {
        return range()[1];
    }

    /**
     * Both bounds in one pass, kept: training asks for both, and two passes over Fashion-MNIST's 188 MB had taken
     * about 5 % of a one-epoch fit (JFR).
     */
    private float[] range() {
        float[] r = range;
        if (r == null) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            r = new float[] {lo, hi};
            range = r;
        }
        return r;
    }
}
