package org.ae4j.datasets;

import java.io.InputStream;
import org.ae4j.core.data.Dataset;

/**
 * The embedded default dataset: the first 4000 training and the first 1000 test images of Fashion-MNIST
 * (Zalando Research, MIT licence; see {@code embedded/NOTICE.md}) with their labels, bundled in this jar as
 * gzip IDX files. Values are scaled to [0,1]; labels are 0..9.
 */
public final class Embedded {
    /** Training rows bundled. */
    public static final int TRAIN_ROWS = 4000;
    /** Test rows bundled. */
    public static final int TEST_ROWS = 1000;

    private static final String DIR = "embedded/";

    private Embedded() {}

    /** The 4000 training images, 784 values each, with labels. */
    public static Dataset train() {
        return load(Split.TRAIN, Integer.MAX_VALUE);
    }

    /** The 1000 test images, 784 values each, with labels. */
    public static Dataset test() {
        return load(Split.TEST, Integer.MAX_VALUE);
    }

    /** The first {@code limit} rows of a split (all of them if it has fewer). */
    public static Dataset load(Split split, int limit) {
        IdxReader reader = new IdxReader().withScale(1 / 255.0).withLimit(limit);
        int rows = Math.min(limit, split == Split.TRAIN ? TRAIN_ROWS : TEST_ROWS);
        String prefix = split.filePrefix();
        return reader.read("embedded:fashion-mnist-" + split + "(" + rows + ")",
                resource(prefix + "-images-idx3-ubyte.gz"), resource(prefix + "-labels-idx1-ubyte.gz"));
    }

    /** This dataset as a source. */
    static DatasetSource source() {
        return new DatasetSource() {
            @Override
            public String name() {
                return NamedDatasets.EMBEDDED;
            }

            @Override
            public Dataset load(Split split, int limit) {
                return Embedded.load(split, limit);
            }
        };
    }

    private static IdxReader.Input resource(String file) {
        String name = "embedded:" + file;
        return new IdxReader.Input(name, () -> {
            InputStream in = Embedded.class.getResourceAsStream(DIR + file);
            if (in == null) {
                throw new DatasetException(name + ": expected the resource org/ae4j/datasets/" + DIR + file
                        + " on the classpath (in the ae4j-datasets jar), found none");
            }
            return in;
        });
    }
}
