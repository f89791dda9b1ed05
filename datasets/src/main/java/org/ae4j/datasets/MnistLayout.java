package org.ae4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file names of the MNIST layout, which Fashion-MNIST shares: {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}.
 * Uncompressed copies ({@code train-images-idx3-ubyte}) and the dotted variant ({@code train-images.idx3-ubyte})
 * are found too.
 */
final class MnistLayout {
    private MnistLayout() {}

    /** Images and labels found for a split; labels may be null. */
    record SplitFiles(Path images, Path labels) {}

    /** The canonical (gzip) name of a split's image file, e.g. {@code t10k-images-idx3-ubyte.gz}. */
    static String imagesName(Split split) {
        return split.filePrefix() + "-images-idx3-ubyte.gz";
    }

    /** The canonical (gzip) name of a split's label file, e.g. {@code t10k-labels-idx1-ubyte.gz}. */
    static String labelsName(Split split) {
        return split.filePrefix() + "-labels-idx1-ubyte.gz";
    }

    /** The split's image file in {@code dir} and its labels (or null), or null when there is no image file. */
    static SplitFiles find(Path dir, Split split) {
        Path images = first(dir, variants(split.filePrefix() + "-images", "idx3"));
        return images == null ? null : new SplitFiles(images, labelsBeside(images));
    }

    /**
     * The label file beside an image file named the MNIST way ({@code images} becomes {@code labels} and
     * {@code idx3} becomes {@code idx1}, compressed or not), or null when there is none.
     */
    static Path labelsBeside(Path images) {
        Path name = images.getFileName();
        Path dir = images.toAbsolutePath().getParent();
        if (name == null || dir == null || !name.toString().contains("images")) {
            return null;
        }
        String base = name.toString().replace("images", "labels").replace("idx3", "idx1");
        if (base.endsWith(".gz")) {
            base = base.substring(0, base.length() - 3);
        }
        Path found = first(dir, List.of(base + ".gz", base));
        return found == null ? null : images.resolveSibling(found.getFileName());
    }

    private static List<String> variants(String stem, String idx) {
        return List.of(stem + "-" + idx + "-ubyte.gz", stem + "-" + idx + "-ubyte", stem + "." + idx + "-ubyte",
                stem + "." + idx + "-ubyte.gz");
    }

    private static Path first(Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
