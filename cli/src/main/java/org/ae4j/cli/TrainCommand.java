package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.core.checkpoint.Checkpoint;
import org.ae4j.core.checkpoint.CheckpointPolicy;
import org.ae4j.core.checkpoint.CheckpointStore;
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
import org.ae4j.core.train.TrainingListener;
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

    @Mixin
    DataOptions input = new DataOptions.Labelled();

    @Option(names = "--split", defaultValue = "train", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

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

    @Option(names = "--out", paramLabel = "FILE", description = "save the trained model to FILE (ONNX, e.g. model.onnx)")
    Path out;

    @Option(names = "--threshold-percentile", defaultValue = "99", paramLabel = "P",
            description = "with --out: store the P-th percentile of the training rows' scores as the anomaly "
                    + "threshold of 'ae4j score' (default: ${DEFAULT-VALUE})")
    double thresholdPercentile;

    @Option(names = "--init", paramLabel = "FILE",
            description = "start from a saved model's parameters and normalization; model options not given are "
                    + "the model's")
    Path init;

    @Option(names = "--checkpoint",
            description = "with --out FILE: write a checkpoint FILE.ckpt after every epoch (and at the end)")
    boolean checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "STEPS",
            description = "with --out FILE: write a checkpoint FILE.ckpt every STEPS steps (0: off)")
    int checkpointEvery;

    @Option(names = "--resume",
            description = "continue the run saved in the checkpoint FILE.ckpt of --out FILE from its exact step; "
                    + "give the same options (--epochs may be larger)")
    boolean resume;

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
        Thresholds.checkPercentile(thresholdPercentile);
        ModelFiles.ModelFile initial = null;
        if (init != null) {
            initial = main.modelFiles.load(init);
            InitModel.applyDefaults(spec, initial.model());
        }
        Normalization.Kind normKind = Normalization.Kind.parse(normalization);
        AutoencoderSpec aeSpec = model.spec(registry);
        registry.backend(org.ae4j.core.config.PluginSpec.parse(backend).name());
        if (layerwise) {
            denseEncoder(aeSpec);
        }
        Autoencoder start = initial == null ? null : InitModel.start(init, initial.model(), aeSpec, normKind);
        Path ckpt = out == null ? null : CheckpointPolicy.besideModel(out);
        Checkpoint from = resume ? checkResumable(ckpt, normKind) : null;
        Map<String, Object> resolved = ResolvedConfig.of(spec);
        human.println("config (command line" + (config != null ? " > " + config : "") + (init != null ? " > " + init : "")
                + " > defaults):");
        ResolvedConfig.yaml(resolved).lines().forEach(l -> human.println("  " + l));
        human.flush();
        Dataset train = DataArgs.load(input, split);
        Dataset evalData = evaluate ? DataArgs.load(input, evalSplit, evalLimit, "--eval-limit") : null;
        if (evalData != null && evalData.cols() != train.cols()) {
            throw new IllegalArgumentException("--eval-split: " + evalData.source() + " has " + evalData.cols()
                    + " columns, the training data " + train.cols());
        }
        if (start != null && start.inputDim() != train.cols()) {
            throw new IllegalArgumentException("--init: " + init + " expects rows of " + start.inputDim()
                    + " features, but " + train.source() + " has " + train.cols() + " columns");
        }
        human.printf(Locale.ROOT, "data: %s (%d rows x %d features)%n", train.source(), train.rows(), train.cols());
        if (from != null) {
            Checkpoint.Position at = from.position();
            human.printf(Locale.ROOT, "resuming from %s: %d epochs and %d steps done (step %d in all)%n", ckpt,
                    at.epochsDone(), at.stepInEpoch(), at.globalStep());
        }

        try (Backend b = Backends.create(registry, backend, threads)) {
            List<String> stages = layerwise ? stageNames(aeSpec, train.cols()) : List.of();
            Progress progress = new Progress(human, !noProgress && Progress.onTerminal(), stages);
            List<TrainingListener> listeners = new ArrayList<>(List.of(progress));
            listeners.addAll(main.listeners);
            TrainingListener[] ls = listeners.toArray(new TrainingListener[0]);
            Trainer trainer = new Trainer(b).withCheckpoints(checkpointPolicy(ckpt));
            TrainingResult r;
            try {
                if (resume) {
                    r = trainer.resume(aeSpec, ckpt, train, cfg, ls);
                } else if (layerwise) {
                    r = layerwise(b, aeSpec, Normalization.fit(normKind, train), train, cfg, ls);
                } else {
                    Autoencoder first = start != null ? start : Autoencoder.initialize(aeSpec, train.cols(), seed)
                            .withNormalization(Normalization.fit(normKind, train));
                    r = trainer.fit(first, train, cfg, ls);
                }
            } finally {
                progress.closeBar();
            }
            EpochMetrics last = r.last();
            human.printf(Locale.ROOT, "done: %d epochs, final loss %.4f (first epoch %.4f)%s%n",
                    r.history().size(), last.loss(), r.history().get(0).loss(),
                    r.stoppedEarly() ? ", stopped early; kept epoch " + r.bestEpoch() : "");
            Autoencoder trained = r.model();
            List<List<EpochMetrics>> histories = layerwise ? progress.histories() : List.of(r.history());

            if (evaluate) {
                Evaluation.Evaluated ev = Evaluation.run(trained, b, evalData, Evaluation.Options.defaults(seed),
                        report != null);
                if (json) {
                    stdout.println(EvalOutput.toJson(ev.result()));
                } else if (eval) {
                    EvalOutput.printTable(ev.result(), human);
                }
                if (report != null) {
                    Dataset normTrain = trained.normalization().apply(train);
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
                            stages, histories, summary, ev, evalData,
                            new double[] {normTrain.min(), normTrain.max()}, seed);
                    OutputFiles.writeString(report, Report.html(in));
                    human.println("report: " + report);
                }
            }
            if (out != null) {
                save(human, resolved, r, trained, b, train);
            }
        }
        human.flush();
        return 0;
    }

    /** Calibrates the anomaly threshold on the training rows and writes the model with its metadata. */
    private void save(PrintWriter human, Map<String, Object> resolved, TrainingResult r, Autoencoder trained,
                      Backend b, Dataset train) throws java.io.IOException {
        float threshold = Thresholds.percentile(Scoring.scores(trained, b, train), thresholdPercentile);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ModelFiles.CONFIG, ResolvedConfig.json(resolved));
        meta.put(ModelFiles.HISTORY, EvalOutput.json().writer()
                .withoutFeatures(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(r.history()));
        meta.put(ModelFiles.DATA, train.source());
        meta.put(ModelFiles.VERSION, new Main.Version().getVersion()[0]);
        Thresholds.store(meta, threshold, thresholdPercentile, train.rows());
        OutputFiles.write(out, tmp -> main.modelFiles.save(trained, tmp, meta));
        human.printf(Locale.ROOT, "anomaly threshold: %s (the %s of the %d training rows' scores)%n",
                threshold, Thresholds.percentileName(thresholdPercentile), train.rows());
        human.println("model: " + out);
        if (checkpoint || checkpointEvery > 0 || resume) {
            human.println("checkpoint: " + CheckpointPolicy.besideModel(out));
        }
    }

    /** The checkpoints the flags ask for (per epoch by default when resuming), or null for none. */
    private CheckpointPolicy checkpointPolicy(Path ckpt) {
        if (ckpt == null || !(checkpoint || checkpointEvery > 0 || resume)) {
            return null;
        }
        boolean perEpoch = checkpoint || checkpointEvery == 0;
        return new CheckpointPolicy(ckpt, checkpointEvery, perEpoch);
    }

    /** Fails early when the checkpoint cannot continue this run's normalization. */
    private static Checkpoint checkResumable(Path ckpt, Normalization.Kind normKind) {
        Checkpoint cp = CheckpointStore.read(ckpt);
        if (cp.normalization().kind() != normKind) {
            throw new IllegalArgumentException("--resume: checkpoint " + ckpt + " was written with "
                    + cp.normalization().kind().optionName() + " normalization, got --normalization "
                    + normKind.optionName());
        }
        return cp;
    }

    /** Fails before any work when an output cannot be written or flags do not go together. */
    private void checkOutputs() {
        if (report != null) {
            OutputFiles.check("--report", report);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every: expected >= 0 steps (0: off), got " + checkpointEvery);
        }
        String ckptFlag = resume ? "--resume" : checkpoint ? "--checkpoint" : checkpointEvery > 0 ? "--checkpoint-every"
                : null;
        if (ckptFlag != null && out == null) {
            throw new IllegalArgumentException(ckptFlag + ": needs --out FILE (the checkpoint is FILE"
                    + CheckpointPolicy.SUFFIX + ", beside the model)");
        }
        if (ckptFlag != null && layerwise) {
            throw new IllegalArgumentException(ckptFlag + ": not available with --layerwise");
        }
        if (init != null && (resume || layerwise)) {
            throw new IllegalArgumentException("--init: not with " + (resume ? "--resume (the checkpoint holds the "
                    + "model)" : "--layerwise (it initialises each layer itself)"));
        }
        if (init != null && !main.modelFiles.available()) {
            throw new UnsupportedOperationException("--init: " + ModelFiles.unsupported().getMessage());
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
                                     TrainingConfig cfg, TrainingListener... progress) {
        int pe = pretrainEpochs == 0 ? epochs : pretrainEpochs;
        TrainingConfig pretrain = cfg.withEpochs(pe).withValidation(cfg.validationFraction(), 0, 0);
        TrainingResult r = new LayerwiseTrainer(new Trainer(b)).fit(s, null, norm.apply(train), pretrain, cfg, progress);
        return new TrainingResult(r.model().withNormalization(norm), r.history(), r.stoppedEarly(), r.bestEpoch());
    }
}
