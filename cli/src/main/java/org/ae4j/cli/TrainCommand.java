package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.LayerwiseTrainer;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ae4j train}: trains a regularized autoencoder with per-epoch progress, optionally evaluates it, writes
 * an HTML report and saves it. Every output file is written only at the end, through a temporary file, so a
 * failed run leaves existing files as they were.
 */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Train an autoencoder (default: a plain one on the embedded Fashion-MNIST subset).",
                "Options may also come from --config FILE (YAML or JSON, keys = long option names); "
                        + "options on the command line win."})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file of options, keys as the long options (e.g. 'layers: [256, 64]')")
    String config;

    @Option(names = "--data", defaultValue = "embedded",
            description = "dataset name (embedded, fashion-mnist, mnist) or the path of a data file or directory (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--split", defaultValue = "train", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N rows (0: all)")
    int limit;

    @Option(names = "--normalization", defaultValue = "none",
            description = "none, min-max or z-score, fitted on the training data and stored with the model "
                    + "(default: ${DEFAULT-VALUE})")
    String normalization;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--batch", defaultValue = "128", description = "rows per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--layerwise",
            description = "greedy layer-wise pretraining (each layer a one-layer autoencoder of the codes below), "
                    + "then --epochs of fine-tuning")
    boolean layerwise;

    @Option(names = "--pretrain-epochs", defaultValue = "0",
            description = "epochs per pretraining stage with --layerwise (0: same as --epochs)")
    int pretrainEpochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed for init, shuffling, split and noise")
    long seed;

    @Option(names = "--no-shuffle", description = "keep the row order")
    boolean noShuffle;

    @Option(names = "--drop-last", description = "drop each epoch's last partial batch")
    boolean dropLast;

    @Option(names = "--validation", defaultValue = "0", description = "fraction of rows held out for validation")
    double validation;

    @Option(names = "--patience", defaultValue = "0",
            description = "stop after N epochs without validation improvement, keeping the best epoch (0: off)")
    int patience;

    @Option(names = "--min-delta", defaultValue = "0", description = "improvement that resets the patience counter")
    double minDelta;

    @Option(names = "--backend", defaultValue = "cpu", description = "backend name (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads (0: all cores)")
    int threads;

    @Option(names = "--no-progress", description = "plain lines instead of a progress bar, even on a terminal")
    boolean noProgress;

    @Option(names = "--eval", description = "evaluate the trained model (see 'ae4j eval') and print the numbers")
    boolean eval;

    @Option(names = "--json", description = "print the evaluation as JSON on standard output (implies --eval; "
            + "training output then goes to standard error)")
    boolean json;

    @Option(names = "--eval-split", defaultValue = "test",
            description = "split of --data to evaluate and picture (default: ${DEFAULT-VALUE})")
    String evalSplit;

    @Option(names = "--eval-limit", defaultValue = "0", description = "evaluate only the first N rows (0: all)")
    int evalLimit;

    @Option(names = "--report", paramLabel = "FILE", description = "write an HTML report of the run to FILE")
    Path report;

    @Option(names = "--out", paramLabel = "FILE", description = "save the trained model to FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter human = json ? spec.commandLine().getErr() : stdout;
        boolean evaluate = eval || json || report != null;
        checkOutputs();
        PluginRegistry registry = new PluginRegistry();
        TrainingConfig cfg = new TrainingConfig(epochs, batch, seed, !noShuffle, dropLast, validation, patience, minDelta);
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("--pretrain-epochs: expected >= 0, got " + pretrainEpochs);
        }
        if (pretrainEpochs > 0 && !layerwise) {
            throw new IllegalArgumentException("--pretrain-epochs: only used with --layerwise");
        }
        Normalization.Kind normKind = Normalization.Kind.parse(normalization);
        AutoencoderSpec aeSpec = model.spec(registry);
        registry.backend(org.ae4j.core.config.PluginSpec.parse(backend).name());
        if (layerwise) {
            denseEncoder(aeSpec);
        }
        Map<String, Object> resolved = ResolvedConfig.of(spec);
        human.println("config (" + (config != null ? "command line > " + config + " > defaults" : "command line > defaults")
                + "):");
        ResolvedConfig.yaml(resolved).lines().forEach(l -> human.println("  " + l));
        human.flush();
        Dataset train = DataArgs.load(data, split, limit, "--limit");
        Dataset evalData = evaluate ? DataArgs.load(data, evalSplit, evalLimit, "--eval-limit") : null;
        if (evalData != null && evalData.cols() != train.cols()) {
            throw new IllegalArgumentException("--eval-split: " + evalData.source() + " has " + evalData.cols()
                    + " columns, the training data " + train.cols());
        }
        human.printf(Locale.ROOT, "data: %s (%d rows x %d features)%n", train.source(), train.rows(), train.cols());

        try (Backend b = Backends.create(registry, backend, threads)) {
            Normalization norm = Normalization.fit(normKind, train);
            List<String> stages = layerwise ? stageNames(aeSpec, train.cols()) : List.of();
            Progress progress = new Progress(human, !noProgress && Progress.onTerminal(), stages);
            TrainingResult r;
            try {
                r = layerwise ? layerwise(b, aeSpec, norm, train, cfg, progress) : new Trainer(b)
                        .fit(Autoencoder.initialize(aeSpec, train.cols(), seed).withNormalization(norm), train, cfg,
                                progress);
            } finally {
                progress.closeBar();
            }
            EpochMetrics last = r.last();
            human.printf(Locale.ROOT, "done: %d epochs, final loss %.4f (first epoch %.4f)%s%n",
                    r.history().size(), last.loss(), r.history().get(0).loss(),
                    r.stoppedEarly() ? ", stopped early; kept epoch " + r.bestEpoch() : "");
            Autoencoder trained = r.model();

            if (evaluate) {
                Evaluation.Evaluated ev = Evaluation.run(trained, b, evalData, Evaluation.Options.defaults(seed));
                if (json) {
                    stdout.println(EvalOutput.toJson(ev.result()));
                } else if (eval) {
                    EvalOutput.printTable(ev.result(), human);
                }
                if (report != null) {
                    Dataset normTrain = norm.apply(train);
                    Map<String, String> summary = new LinkedHashMap<>();
                    summary.put("training data", train.source() + " (" + train.rows() + " rows x " + train.cols() + ")");
                    summary.put("evaluation data", evalData.source() + " (" + evalData.rows() + " rows)");
                    summary.put("backend", b.describe());
                    summary.put("epochs", r.history().size() + (r.stoppedEarly() ? " (stopped early; kept epoch "
                            + r.bestEpoch() + ")" : ""));
                    summary.put("final training objective", String.format(Locale.ROOT, "%.4f", last.loss()));
                    if (last.hasValidation()) {
                        summary.put("final validation loss", String.format(Locale.ROOT, "%.4f", last.validationLoss()));
                    }
                    Report.Input in = new Report.Input("ae4j report: " + aeSpec.encoder().spec(), resolved, trained, b,
                            stages, progress.histories(), summary, ev, evalData,
                            new double[] {normTrain.min(), normTrain.max()}, seed);
                    OutputFiles.writeString(report, Report.html(in));
                    human.println("report: " + report);
                }
            }
            if (out != null) {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put(ModelFiles.CONFIG, ResolvedConfig.json(resolved));
                meta.put(ModelFiles.HISTORY, EvalOutput.json().writer()
                        .withoutFeatures(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(r.history()));
                meta.put(ModelFiles.DATA, train.source());
                meta.put(ModelFiles.VERSION, new Main.Version().getVersion()[0]);
                OutputFiles.write(out, tmp -> main.modelFiles.save(trained, tmp, meta));
                human.println("model: " + out);
            }
        }
        human.flush();
        return 0;
    }

    /** Fails before any work when an output cannot be written. */
    private void checkOutputs() {
        if (report != null) {
            OutputFiles.check("--report", report);
        }
        if (out != null) {
            if (!main.modelFiles.available()) {
                throw new UnsupportedOperationException("--out: " + ModelFiles.unsupported().getMessage());
            }
            OutputFiles.check("--out", out);
            if (report != null && out.toAbsolutePath().normalize().equals(report.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out and --report: expected two different files, got " + out
                        + " for both");
            }
        }
    }

    private static DenseEncoderConfig denseEncoder(AutoencoderSpec s) {
        if (!(s.encoder().config() instanceof DenseEncoderConfig ec)) {
            throw new IllegalArgumentException("--layerwise: expected a dense encoder, got '" + s.encoder().provider() + "'");
        }
        return ec;
    }

    private static List<String> stageNames(AutoencoderSpec s, int inputDim) {
        DenseEncoderConfig ec = denseEncoder(s);
        List<String> names = new ArrayList<>();
        int in = inputDim;
        int layers = ec.units().size();
        for (int l = 0; l < layers; l++) {
            names.add("layer-wise pretraining: layer " + (l + 1) + " of " + layers + " (" + in + " -> "
                    + ec.units().get(l) + ")");
            in = ec.units().get(l);
        }
        names.add("fine-tuning the whole stack");
        return names;
    }

    /** Layer-wise pretraining on the normalized data, then fine-tuning; the model gets the normalization back. */
    private TrainingResult layerwise(Backend b, AutoencoderSpec s, Normalization norm, Dataset train,
                                     TrainingConfig cfg, Progress progress) {
        int pe = pretrainEpochs == 0 ? epochs : pretrainEpochs;
        TrainingConfig pretrain = cfg.withEpochs(pe).withValidation(cfg.validationFraction(), 0, 0);
        TrainingResult r = new LayerwiseTrainer(new Trainer(b)).fit(s, null, norm.apply(train), pretrain, cfg, progress);
        return new TrainingResult(r.model().withNormalization(norm), r.history(), r.stoppedEarly(), r.bestEpoch());
    }
}
