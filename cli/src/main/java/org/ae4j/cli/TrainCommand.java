package org.ae4j.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.LoggingListener;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingListener;
import org.ae4j.core.train.TrainingPlan;
import org.ae4j.core.train.TrainingResult;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ae4j train}: trains a regularized autoencoder and reports per-epoch progress. */
@Command(name = "train", description = "Train an autoencoder (default: a plain one on the embedded Fashion-MNIST subset).")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--data", defaultValue = "embedded",
            description = "dataset name (embedded, fashion-mnist, mnist) or IDX file path (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--split", defaultValue = "train", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N rows (0: all)")
    int limit;

    @Option(names = "--batch", defaultValue = "128", description = "rows per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed for init, shuffling, split and noise")
    long seed;

    @Option(names = "--no-shuffle", description = "keep the row order")
    boolean noShuffle;

    @Option(names = "--drop-last", description = "drop each epoch's last partial batch")
    boolean dropLast;

    @Option(names = "--validation", defaultValue = "0", description = "fraction of rows held out for validation")
    double validation;

    @Option(names = "--patience", defaultValue = "0",
            description = "stop after N epochs without validation improvement (0: off)")
    int patience;

    @Option(names = "--min-delta", defaultValue = "0", description = "improvement that resets the patience counter")
    double minDelta;

    @Option(names = "--backend", defaultValue = "cpu", description = "backend name (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads (0: all cores)")
    int threads;

    @Override
    public Integer call() {
        PluginRegistry registry = new PluginRegistry();
        TrainingConfig config = new TrainingConfig(epochs, batch, seed, !noShuffle, dropLast, validation, patience, minDelta);
        Dataset dataset = Datasets.load(data, Split.parse(split));
        if (limit > 0 && limit < dataset.rows()) {
            dataset = dataset.slice(0, limit);
        }
        AutoencoderSpec spec = model.spec(registry);
        try (Backend b = Backends.create(registry, backend, threads)) {
            Trainer trainer = new Trainer(b);
            System.out.printf(Locale.ROOT, "data: %s (%d rows x %d features)%n", dataset.source(), dataset.rows(),
                    dataset.cols());
            TrainingResult r = trainer.fit(spec, dataset, config, new ConsoleListener());
            EpochMetrics last = r.last();
            System.out.printf(Locale.ROOT, "done: %d epochs, final loss %.4f (first epoch %.4f)%s%n",
                    r.history().size(), last.loss(), r.history().get(0).loss(),
                    r.stoppedEarly() ? ", stopped early; kept epoch " + r.bestEpoch() : "");
        }
        return 0;
    }

    /** Prints the plan and one line per epoch to standard output. */
    static final class ConsoleListener implements TrainingListener {
        @Override
        public void onStart(TrainingPlan plan) {
            System.out.println("model: " + plan.model());
            System.out.println("backend: " + plan.backend());
            System.out.printf(Locale.ROOT, "training: %d rows (%d held out), %d epochs x %d steps of %d rows%n",
                    plan.trainRows(), plan.validationRows(), plan.epochs(), plan.batchesPerEpoch(), plan.batchSize());
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            System.out.println(LoggingListener.format(m));
        }
    }

}
