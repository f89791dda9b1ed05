package org.ae4j.examples.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.inject.Ae4jModule;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Loss;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;

/**
 * An application that embeds ae4j: Guice wires the plugin registry and a CPU backend ({@link Ae4jModule}); the
 * application trains a sparse autoencoder on the embedded Fashion-MNIST subset, saves it as ONNX, loads it back,
 * and encodes and scores the test rows with the loaded model.
 *
 * <pre>
 *   mvn -q -pl examples/guice-app exec:java [-Dexec.args=model.onnx]
 * </pre>
 *
 * <p>Without an argument the model goes to a new temporary directory.
 */
public final class EmbeddedApp {
    /** The backend the module binds: the pure-Java CPU backend on two threads. */
    static final String BACKEND = "cpu:threads=2";
    /** Training epochs over the 4,000 embedded training images. */
    static final int EPOCHS = 5;
    /** The KL sparsity penalty: mean activation of each code unit pushed towards rho. */
    static final String SPARSITY = "kl-sparsity:rho=0.05,beta=3";
    private static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot"};

    private final PluginRegistry registry;
    private final Trainer trainer;

    /** Guice calls this with the module's registry and a trainer on its backend. */
    @Inject
    EmbeddedApp(PluginRegistry registry, Trainer trainer) {
        this.registry = registry;
        this.trainer = trainer;
    }

    /** What a run produced: the model in memory, the model read back from its file, and the test rows' results. */
    public record Result(Path modelFile, TrainingResult training, Autoencoder loaded, Dataset test, float[] codes,
                         float[] scores, double codeMean, double meanScore, int[] highest) {
    }

    /** Usage: {@code EmbeddedApp [model.onnx]}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0])
                : Files.createTempDirectory("ae4j-guice-app").resolve("model.onnx");
        Injector injector = Guice.createInjector(new Ae4jModule(BACKEND));
        try (Backend backend = injector.getInstance(Backend.class)) {
            injector.getInstance(EmbeddedApp.class).run(file, EPOCHS, System.out);
        }
    }

    /** The model: a 64-unit sigmoid code with KL sparsity, a mirrored decoder, squared error and Adam. */
    AutoencoderSpec spec() {
        return new AutoencoderSpec(
                registry.create(PluginKind.ENCODER, Encoder.class, "dense:units=64,activations=sigmoid"),
                registry.create(PluginKind.DECODER, Decoder.class, "dense:output=sigmoid,mirror=true"),
                Loss.SQUARED_ERROR,
                List.of(registry.create(PluginKind.REGULARIZER, Regularizer.class, SPARSITY)),
                null,
                Optimizer.parse("adam:lr=0.005"));
    }

    /** Trains for {@code epochs}, saves to {@code modelFile}, loads it back, encodes and scores the test split. */
    public Result run(Path modelFile, int epochs, PrintStream out) {
        Dataset train = Datasets.load("embedded", Split.TRAIN);
        Dataset test = Datasets.load("embedded", Split.TEST);

        TrainingResult training = trainer.fit(spec(), train, TrainingConfig.defaults().withEpochs(epochs).withSeed(7));
        EpochMetrics last = training.last();
        out.printf(Locale.ROOT, "trained: %d epochs on %s, backend %s%n", training.history().size(), train.source(),
                trainer.backend().describe());
        out.printf(Locale.ROOT, "  final loss %.4f   (reconstruction %.4f + kl-sparsity %.4f)%n", last.loss(),
                last.reconstructionLoss(), last.penalties().get("kl-sparsity"));

        OnnxModelIO.save(training.model(), modelFile, Map.of("dataset", train.source(), "epochs",
                Integer.toString(epochs), "application", EmbeddedApp.class.getName()));
        Autoencoder loaded = OnnxModelIO.load(modelFile, registry);
        out.printf(Locale.ROOT, "saved and loaded back: %s (%d bytes)%n", modelFile, size(modelFile));

        Backend backend = trainer.backend();
        float[] codes = loaded.encode(backend, test);
        float[] scores = loaded.score(backend, test);
        double codeMean = mean(codes);
        double meanScore = mean(scores);
        int[] highest = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer r) -> scores[r]).reversed())
                .limit(3).mapToInt(Integer::intValue).toArray();
        out.printf(Locale.ROOT, "test: %d rows of %s, codes of %d units%n", test.rows(), test.source(),
                loaded.codeDim());
        out.printf(Locale.ROOT, "  code mean activation %.4f   (kl-sparsity target rho 0.05)%n", codeMean);
        out.printf(Locale.ROOT, "  mean score           %.4f   (squared reconstruction error per row)%n", meanScore);
        out.println("  highest scores:");
        for (int r : highest) {
            out.printf(Locale.ROOT, "    row %4d  score %.4f  label %d (%s)%n", r, scores[r], test.labels()[r],
                    CLASSES[test.labels()[r]]);
        }
        return new Result(modelFile, training, loaded, test, codes, scores, codeMean, meanScore, highest);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
