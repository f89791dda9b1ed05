package org.ae4j.datasets;

import java.nio.file.Path;
import org.ae4j.core.data.Dataset;

/** The {@link DatasetSource}s backed by IDX files: one file, a directory, a dataset found by a locator. */
final class IdxSources {
    private IdxSources() {}

    /** One IDX data file; its labels are read when a label file named the MNIST way lies beside it. */
    static DatasetSource file(Path file) {
        return new Files(file.toString()) {
            @Override
            MnistLayout.SplitFiles files(Split split) {
                return new MnistLayout.SplitFiles(file, MnistLayout.labelsBeside(file));
            }
        };
    }

    /** A directory holding a dataset in the MNIST layout ({@code train-images-idx3-ubyte.gz} and so on). */
    static DatasetSource directory(Path dir) {
        return new Files(dir.toString()) {
            @Override
            MnistLayout.SplitFiles files(Split split) {
                MnistLayout.SplitFiles files = MnistLayout.find(dir, split);
                if (files == null) {
                    throw new DatasetException(dir + ": expected " + MnistLayout.imagesName(split)
                            + " (or uncompressed, without .gz) for the " + split + " split, found no such file");
                }
                return files;
            }
        };
    }

    /** A named dataset in the MNIST layout, wherever {@code locator} finds it. */
    static DatasetSource located(String name, DatasetLocator locator) {
        return new Files(name) {
            @Override
            MnistLayout.SplitFiles files(Split split) {
                DatasetLocator.Found found = locator.locate(name, split);
                return new MnistLayout.SplitFiles(found.images(), found.labels());
            }

            @Override
            String source(Split split, Path images) {
                return name + ":" + split + "(" + images + ")";
            }
        };
    }

    /** A source reading the IDX files {@link #files} names for a split. */
    private abstract static class Files implements DatasetSource {
        private final String name;

        Files(String name) {
            this.name = name;
        }

        abstract MnistLayout.SplitFiles files(Split split);

        String source(Split split, Path images) {
            return images.toString();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Dataset load(Split split, int limit) {
            MnistLayout.SplitFiles f = files(split);
            return read(source(split, f.images()), f.images(), f.labels(), limit);
        }

        @Override
        public Opened open(Split split, long budgetBytes) {
            Budget.check(budgetBytes);
            MnistLayout.SplitFiles f = files(split);
            IdxHeader h = IdxReader.header(IdxReader.Input.of(f.images()));
            long bytes = Budget.rowBytes(h.items(), h.valuesPerItem(), f.labels() != null);
            String source = source(split, f.images());
            return Budget.choose(source, bytes, budgetBytes,
                    () -> read(source, f.images(), f.labels(), Integer.MAX_VALUE),
                    () -> new IdxRowStream(f.images(), f.labels(), scale(h)));
        }
    }

    /**
     * Reads images (and labels, unless null): uint8 data is scaled by 1/255 to [0,1], as for MNIST; other
     * types are read as they are.
     */
    static Dataset read(String source, Path images, Path labels, int limit) {
        IdxReader.Input data = IdxReader.Input.of(images);
        IdxReader reader = new IdxReader().withScale(scale(IdxReader.header(data))).withLimit(limit);
        return reader.read(source, data, labels == null ? null : IdxReader.Input.of(labels));
    }

    /** 1/255 for uint8 data (to [0,1]), 1 for other types. */
    static double scale(IdxHeader h) {
        return h.type() == IdxType.UBYTE ? 1 / 255.0 : 1.0;
    }
}
