package org.ae4j.datasets;

import java.nio.file.Path;
import org.ae4j.core.data.Dataset;

/** The {@link DatasetSource}s backed by IDX files: one file, a directory, a dataset found by a locator. */
final class IdxSources {
    private IdxSources() {}

    /** One IDX data file; its labels are read when a label file named the MNIST way lies beside it. */
    static DatasetSource file(Path file) {
        return new DatasetSource() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public Dataset load(Split split, int limit) {
                return read(file.toString(), file, MnistLayout.labelsBeside(file), limit);
            }
        };
    }

    /** A directory holding a dataset in the MNIST layout ({@code train-images-idx3-ubyte.gz} and so on). */
    static DatasetSource directory(Path dir) {
        return new DatasetSource() {
            @Override
            public String name() {
                return dir.toString();
            }

            @Override
            public Dataset load(Split split, int limit) {
                MnistLayout.SplitFiles files = MnistLayout.find(dir, split);
                if (files == null) {
                    throw new DatasetException(dir + ": expected " + MnistLayout.imagesName(split)
                            + " (or uncompressed, without .gz) for the " + split + " split, found no such file");
                }
                return read(files.images().toString(), files.images(), files.labels(), limit);
            }
        };
    }

    /** A named dataset in the MNIST layout, wherever {@code locator} finds it. */
    static DatasetSource located(String name, DatasetLocator locator) {
        return new DatasetSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Dataset load(Split split, int limit) {
                DatasetLocator.Found found = locator.locate(name, split);
                return read(name + ":" + split + "(" + found.images() + ")", found.images(), found.labels(), limit);
            }
        };
    }

    /**
     * Reads images (and labels, unless null): uint8 data is scaled by 1/255 to [0,1], as for MNIST; other
     * types are read as they are.
     */
    static Dataset read(String source, Path images, Path labels, int limit) {
        IdxReader.Input data = IdxReader.Input.of(images);
        double scale = IdxReader.header(data).type() == IdxType.UBYTE ? 1 / 255.0 : 1.0;
        IdxReader reader = new IdxReader().withScale(scale).withLimit(limit);
        return reader.read(source, data, labels == null ? null : IdxReader.Input.of(labels));
    }
}
