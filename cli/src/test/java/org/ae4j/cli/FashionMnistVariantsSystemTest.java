package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.data.Dataset;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.NpyReader;
import org.ae4j.datasets.NpyWriter;
import org.ae4j.datasets.Split;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four kinds of autoencoder on the full Fashion-MNIST (Debian package {@code dataset-fashion-mnist}, in
 * /usr/share/datasets/fashion-mnist; {@code .ci/run} installs it), through the command: one epoch of each of plain,
 * KL-sparse, masking-denoising and contractive, each saved and evaluated on the test split, and each showing the
 * effect it is for, measured against the plain model trained with the same seed. Fails, not skips, without the data.
 *
 * <p>Prints every number as lines starting with {@code RESULT} (a Markdown table).
 */
@Tag("system")
class FashionMnistVariantsSystemTest {
    /** Where Debian's package puts the four IDX files. */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Test rows evaluated (the first ones of the test split). */
    static final int EVAL_ROWS = 10_000;
    /** The masking level of the denoising variant, and of the masked copy of the test rows every variant gets. */
    static final double MASK = 0.3;
    static final double RHO = 0.05;

    /** Variant name to its extra train options. */
    static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("plain", List.of());
        VARIANTS.put("kl-sparsity", List.of("--regularizer", "kl-sparsity:rho=" + RHO + ",beta=3"));
        VARIANTS.put("masking", List.of("--corruption", "masking:level=" + MASK));
        VARIANTS.put("contractive", List.of("--regularizer", "contractive:lambda=0.1"));
    }

    @TempDir
    Path dir;

    /** What one variant measured. */
    record Measured(String variant, double trainLoss, double seconds, double recon, double maskedRecon,
                    double jacobian, double meanActivation, double probeCodes, double probeRaw) {
    }

    @Test
    void eachVariantTrainsForAnEpochAndShowsItsEffectAgainstThePlainModel() throws Exception {
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            assertTrue(Files.isRegularFile(FASHION_MNIST.resolve(f)), "this system check needs Fashion-MNIST in "
                    + FASHION_MNIST + " (missing " + f + "); install it with: apt-get install -y dataset-fashion-mnist "
                    + "(.ci/run does)");
        }
        Dataset clean = Datasets.load("fashion-mnist", Split.TEST).slice(0, EVAL_ROWS);
        Path masked = dir.resolve("test-masked.npy");
        NpyWriter.write(masked, mask(clean, MASK, 11), clean.rows(), clean.cols());

        Map<String, Measured> m = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> v : VARIANTS.entrySet()) {
            m.put(v.getKey(), measure(v.getKey(), v.getValue(), clean, masked));
        }
        print(m);

        Measured plain = m.get("plain");
        Measured sparse = m.get("kl-sparsity");
        assertTrue(sparse.meanActivation() < plain.meanActivation()
                        && Math.abs(sparse.meanActivation() - RHO) < Math.abs(plain.meanActivation() - RHO),
                "kl-sparsity: mean activation " + sparse.meanActivation() + ", plain " + plain.meanActivation()
                        + ", target " + RHO);
        Measured contractive = m.get("contractive");
        assertTrue(contractive.jacobian() < plain.jacobian(), "contractive: mean ||J_f||_F " + contractive.jacobian()
                + ", plain " + plain.jacobian());
        Measured denoising = m.get("masking");
        assertTrue(denoising.maskedRecon() < plain.maskedRecon(), "masking: mean squared error of reconstructing "
                + "masked test rows against the clean ones " + denoising.maskedRecon() + ", plain " + plain.maskedRecon());
        for (Measured x : m.values()) {
            assertTrue(x.probeCodes() > 0 && x.probeCodes() <= 1, x.variant() + ": probe on codes " + x.probeCodes());
            assertTrue(x.probeRaw() > 0 && x.probeRaw() <= 1, x.variant() + ": probe on raw inputs " + x.probeRaw());
        }
    }

    /** Trains, evaluates and reconstructs the masked test rows, all through the command. */
    private Measured measure(String variant, List<String> options, Dataset clean, Path masked) throws Exception {
        Path model = dir.resolve(variant + ".onnx");
        List<String> train = new ArrayList<>(List.of("train", "--data", "fashion-mnist", "--layers", "64", "--epochs",
                "1", "--no-progress", "--out", model.toString()));
        train.addAll(options);
        long t0 = System.nanoTime();
        Cli.Run t = Cli.run(train.toArray(new String[0]));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, t.code(), () -> variant + ": " + t);
        assertTrue(Files.isRegularFile(model), variant + ": " + model + " written");
        assertTrue(t.out().contains("data: fashion-mnist:train") && t.out().contains("(60000 rows x 784 features)"),
                t::toString);
        List<Double> losses = t.epochLosses(t.out());
        assertEquals(1, losses.size(), t::toString);

        // The test split's labels come with the IDX files of a named dataset: no --labels needed.
        Cli.Run e = Cli.run("eval", "--model", model.toString(), "--data", "fashion-mnist", "--split", "test",
                "--limit", Integer.toString(EVAL_ROWS), "--json");
        assertEquals(0, e.code(), () -> variant + ": " + e);
        JsonNode json = new ObjectMapper().readTree(e.out());
        assertEquals(EVAL_ROWS, json.get("rows").asInt(), e::toString);
        JsonNode probe = json.get("linear_probe");
        assertTrue(probe != null && !probe.isNull(), variant + ": the evaluation has a linear probe: " + e.out());

        Path recon = dir.resolve(variant + "-masked-reconstructed.npy");
        Cli.Run r = Cli.run("reconstruct", "--model", model.toString(), "--data", masked.toString(), "--out",
                recon.toString());
        assertEquals(0, r.code(), () -> variant + ": " + r);
        Dataset x = new NpyReader().read(recon);
        assertEquals(clean.rows(), x.rows());
        assertEquals(clean.cols(), x.cols());

        return new Measured(variant, losses.get(0), seconds,
                json.get("reconstruction").get("mean_row_squared_error").asDouble(), meanRowSquaredError(clean, x),
                json.get("jacobian").get("mean_frobenius_norm").asDouble(),
                json.get("sparsity").get("mean_activation_mean").asDouble(),
                probe.get("code_accuracy").asDouble(), probe.get("raw_accuracy").asDouble());
    }

    /** A copy of the rows with each value set to 0 with probability {@code level} (seeded). */
    static float[] mask(Dataset d, double level, long seed) {
        Random rng = new Random(seed);
        float[] v = d.values().clone();
        for (int i = 0; i < v.length; i++) {
            if (rng.nextDouble() < level) {
                v[i] = 0f;
            }
        }
        return v;
    }

    /** The mean over rows of Σ_i (x_i − x̂_i)², x the clean rows. */
    static double meanRowSquaredError(Dataset clean, Dataset reconstructed) {
        float[] a = clean.values();
        float[] b = reconstructed.values();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return s / clean.rows();
    }

    private static void print(Map<String, Measured> m) {
        String test = "the first " + EVAL_ROWS + " test rows";
        System.out.println("RESULT Fashion-MNIST, 60000 training rows, one epoch each (--layers 64, seed 42, "
                + Runtime.getRuntime().availableProcessors() + " cores); measured on " + test + ":");
        System.out.println("RESULT | variant | train loss | `train` wall time (s) | recon. error | masked recon. error"
                + " | mean ‖J_f‖_F | mean activation | probe: codes | probe: raw |");
        System.out.println("RESULT |---|---|---|---|---|---|---|---|---|");
        for (Measured x : m.values()) {
            String spec = VARIANTS.get(x.variant()).isEmpty() ? "plain" : String.join(" ", VARIANTS.get(x.variant()));
            System.out.println(String.format(Locale.ROOT,
                    "RESULT | `%s` | %.4f | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |", spec, x.trainLoss(),
                    x.seconds(), x.recon(), x.maskedRecon(), x.jacobian(), x.meanActivation(), x.probeCodes(),
                    x.probeRaw()));
        }
        System.out.println("RESULT (recon. error: mean Σ(x−x̂)² per row; masked: the same rows with each pixel zeroed "
                + "with probability " + MASK + " fed in, the clean rows as the target; probe: linear classifier "
                + "accuracy on held-out rows)");
    }
}
