package org.ae4j.datasets;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a named dataset in the MNIST layout can be downloaded from, and the SHA-256 of each of its files. A file
 * is kept only when its SHA-256 matches.
 *
 * <p>The checksums of the official files: Fashion-MNIST's are those published with it (Zalando Research's
 * README gives the MD5s; TensorFlow Datasets and others the SHA-256s) and were checked here against the files of
 * Debian's {@code dataset-fashion-mnist}, which are the official files with the gzip header's name and time
 * fields stripped: restoring those fields reproduces every published SHA-256 and MD5 ({@code
 * scripts/fashion-mnist-checksums.py}). MNIST's are the SHA-256s published by TensorFlow Datasets, PyTorch's
 * mirror users and many others for the original files (which the ossci-datasets mirror serves unchanged,
 * torchvision checking the same MD5s for both); no MNIST copy was at hand to check them against.
 *
 * @param dataset the dataset name, as {@code fashion-mnist}
 * @param base the URL the file names are resolved against (ends with {@code /})
 * @param sha256 the lower-case hex SHA-256 of each file, by file name
 */
public record Mirror(String dataset, URI base, Map<String, String> sha256) {
    /** Zalando Research's mirror of Fashion-MNIST (plain HTTP: an S3 website; the SHA-256 check guards it). */
    public static final URI FASHION_MNIST_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    /** PyTorch's mirror of MNIST. */
    public static final URI MNIST_URL = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");

    public Mirror {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(base, "base");
        String b = base.toString();
        base = b.endsWith("/") ? base : URI.create(b + "/");
        sha256 = Map.copyOf(sha256);
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            if (!e.getValue().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 of " + e.getKey() + ": expected 64 lower-case hex digits, "
                        + "got '" + e.getValue() + "'");
            }
        }
    }

    /** The official Fashion-MNIST files. */
    public static Mirror fashionMnist() {
        return new Mirror(NamedDatasets.FASHION_MNIST, FASHION_MNIST_URL, Map.of(
                "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));
    }

    /** The official MNIST files. */
    public static Mirror mnist() {
        return new Mirror(NamedDatasets.MNIST, MNIST_URL, Map.of(
                "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));
    }

    /** Both official mirrors. */
    public static List<Mirror> official() {
        return List.of(fashionMnist(), mnist());
    }

    /** The same files and checksums at another base URL (a local mirror; a test server). */
    public Mirror withBase(URI base) {
        return new Mirror(dataset, base, sha256);
    }

    /** The URL of {@code file}. */
    public URI url(String file) {
        return base.resolve(file);
    }
}
