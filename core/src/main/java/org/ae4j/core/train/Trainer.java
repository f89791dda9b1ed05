package org.ae4j.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.checkpoint.Checkpoint;
import org.ae4j.core.checkpoint.CheckpointPolicy;
import org.ae4j.core.checkpoint.CheckpointStore;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Inference;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.util.Rng;

/**
 * The backend-agnostic training loop: seeded shuffling, mini-batches (the last partial batch trained on unless
 * dropLast), an optional validation split with early stopping, listeners, and a stop with the last good
 * parameters when the loss turns non-finite. The same seed gives a bitwise-identical model on the same backend.
 *
 * <p>With a {@link CheckpointPolicy} ({@link #withCheckpoints}) the run writes checkpoints, and
 * {@link #resume} continues one from the exact step: the resumed run ends bit for bit where the uninterrupted
 * run ends. At each checkpoint the session is reloaded from the float values written, so this holds even on a
 * backend that keeps parameters in higher precision between steps.
 */
public final class Trainer {
    private final Backend backend;
    private final CheckpointPolicy checkpoints;

    public Trainer(Backend backend) {
        this(backend, null);
    }

    private Trainer(Backend backend, CheckpointPolicy checkpoints) {
        this.backend = backend;
        this.checkpoints = checkpoints;
    }

    /** The backend this trainer runs on. */
    public Backend backend() {
        return backend;
    }

    /** A trainer like this one that writes checkpoints by the policy (null: none). */
    public Trainer withCheckpoints(CheckpointPolicy policy) {
        return new Trainer(backend, policy);
    }

    /** The checkpoint policy, or null when this trainer writes no checkpoints. */
    public CheckpointPolicy checkpoints() {
        return checkpoints;
    }

    /** Trains a new model, initialised from {@code config.seed()}. */
    public TrainingResult fit(AutoencoderSpec spec, Dataset data, TrainingConfig config, TrainingListener... listeners) {
        return fit(Autoencoder.initialize(spec, data.cols(), config.seed()), data, config, listeners);
    }

    /**
     * Continues training a model (its optimizer state too, when it has one). The data is raw: the model's
     * normalization is applied to it first.
     */
    public TrainingResult fit(Autoencoder start, Dataset raw, TrainingConfig config, TrainingListener... listeners) {
        return run(start, raw, config, null, null, listeners);
    }

    /**
     * Continues the run saved in a checkpoint from its exact step, on the same raw data, up to
     * {@code config.epochs()} (a checkpoint of a finished run can be extended with more epochs). The spec must
     * describe the checkpoint's model and the config must equal the checkpoint's except for epochs; this
     * trainer's checkpoint policy, if any, keeps writing checkpoints.
     *
     * @throws org.ae4j.core.checkpoint.CheckpointException when the file is missing or broken
     * @throws IllegalArgumentException when spec, config or data differ from the checkpoint's
     */
    public TrainingResult resume(AutoencoderSpec spec, Path checkpoint, Dataset raw, TrainingConfig config,
                                 TrainingListener... listeners) {
        Checkpoint cp = CheckpointStore.read(checkpoint);
        String source = "checkpoint " + checkpoint;
        cp.checkResumable(spec, config, Checkpoint.DataFingerprint.of(raw), source);
        return run(cp.model(spec), raw, config, cp, source, listeners);
    }

    private TrainingResult run(Autoencoder start, Dataset raw, TrainingConfig config, Checkpoint from, String source,
                               TrainingListener[] listeners) {
        if (raw.cols() != start.inputDim()) {
            throw new IllegalArgumentException("model expects rows of " + start.inputDim() + " features, but "
                    + raw.source() + " has " + raw.cols() + " columns");
        }
        Dataset data = start.normalization().apply(raw);
        Rng root = new Rng(config.seed());
        int[] order = identity(data.rows());
        int validationRows = (int) Math.round(config.validationFraction() * data.rows());
        if (config.validationFraction() > 0) {
            validationRows = Math.max(1, validationRows);
            root.split("validation").shuffle(order);
        }
        int trainRows = data.rows() - validationRows;
        if (trainRows < 1) {
            throw new IllegalArgumentException(data.source() + ": no rows left for training after holding out "
                    + validationRows + " of " + data.rows() + " for validation");
        }
        int[] train = Arrays.copyOfRange(order, 0, trainRows);
        Dataset validation = validationRows > 0 ? gather(raw, Arrays.copyOfRange(order, trainRows, data.rows())) : null;
        int batch = Math.min(config.batchSize(), trainRows);
        int fullBatches = trainRows / batch;
        int tail = config.dropLast() ? 0 : trainRows % batch;
        int stepsPerEpoch = fullBatches + (tail > 0 ? 1 : 0);
        int rowsPerEpoch = fullBatches * batch + tail;

        double min = data.min();
        double max = data.max();
        TrainingPlan plan = new TrainingPlan(config.epochs(), stepsPerEpoch, rowsPerEpoch, validationRows, batch,
                start.spec().describe(), backend.describe());
        for (TrainingListener l : listeners) {
            l.onStart(plan);
        }
        Rng shuffleRng = root.split("shuffle");
        Rng noiseRng = root.split("noise");
        try (StepRunner main = new StepRunner(backend, start, batch, min, max);
             StepRunner last = tail > 0 ? new StepRunner(backend, start, tail, min, max) : null) {
            Progress s = new Progress(main.penaltyNames());
            if (from != null) {
                s.restore(from, source, start, train, stepsPerEpoch);
                shuffleRng.setState(from.shuffleRngState());
                noiseRng.setState(from.noiseRngState());
            }
            Saver saver = checkpoints == null ? null
                    : new Saver(checkpoints, start, config, backend, Checkpoint.DataFingerprint.of(raw));
            for (int epoch = s.epochsDone + 1; epoch <= config.epochs() && !s.stoppedEarly; epoch++) {
                boolean resumed = s.stepInEpoch > 0;
                if (!resumed && config.shuffle()) {
                    shuffleRng.shuffle(train);
                }
                EpochSums sums = resumed ? s.sums : new EpochSums(main.penaltyNames());
                double secondsBefore = resumed ? s.seconds : 0;
                int step = s.stepInEpoch;
                long t0 = System.nanoTime();
                long savingNanos = 0;
                for (int b = step; b < fullBatches; b++) {
                    step++;
                    s.globalStep++;
                    main.step(data, train, b * batch, noiseRng, sums, epoch, step);
                    notifyBatch(listeners, epoch, step, stepsPerEpoch, sums);
                    if (saver != null && step < stepsPerEpoch && checkpoints.dueAfterStep(s.globalStep)) {
                        long t1 = System.nanoTime();
                        s.midEpoch(epoch - 1, step, sums, secondsBefore + (t1 - t0 - savingNanos) / 1e9);
                        saver.save(main, main.snapshot(), s, shuffleRng, noiseRng, train);
                        savingNanos += System.nanoTime() - t1;
                    }
                }
                if (tail > 0 && step < stepsPerEpoch) {
                    step++;
                    s.globalStep++;
                    main.copyStateTo(last);
                    last.step(data, train, fullBatches * batch, noiseRng, sums, epoch, step);
                    last.copyStateTo(main);
                    notifyBatch(listeners, epoch, step, stepsPerEpoch, sums);
                }
                double seconds = secondsBefore + (System.nanoTime() - t0 - savingNanos) / 1e9;
                Autoencoder current = main.snapshot();
                double val = validation != null
                        ? Inference.run(current, backend, validation, Inference.Output.LOSS).meanLoss() : Double.NaN;
                EpochMetrics m = sums.metrics(epoch, val, seconds);
                s.history.add(m);
                for (TrainingListener l : listeners) {
                    l.onEpoch(m);
                }
                s.endEpoch(epoch, validation != null, val, current, config);
                if (saver != null && (checkpoints.everyEpoch() || checkpoints.dueAfterStep(s.globalStep)
                        || s.stoppedEarly || epoch == config.epochs())) {
                    saver.save(main, current, s, shuffleRng, noiseRng, train);
                }
            }
            Autoencoder result = s.best != null && config.patience() > 0 ? s.best : main.snapshot();
            int bestEpoch = s.bestEpoch;
            if (s.best == null || config.patience() == 0) {
                bestEpoch = s.history.size();
            }
            TrainingResult r = new TrainingResult(result, s.history, s.stoppedEarly, bestEpoch);
            for (TrainingListener l : listeners) {
                l.onEnd(r);
            }
            return r;
        }
    }

    private static void notifyBatch(TrainingListener[] listeners, int epoch, int step, int steps, EpochSums sums) {
        for (TrainingListener l : listeners) {
            l.onBatch(epoch, step, steps, sums.rows, sums.lastLoss);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static Dataset gather(Dataset data, int[] rows) {
        int d = data.cols();
        float[] v = new float[rows.length * d];
        int[] labels = data.hasLabels() ? new int[rows.length] : null;
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.values(), rows[i] * d, v, i * d, d);
            if (labels != null) {
                labels[i] = data.labels()[rows[i]];
            }
        }
        return new Dataset(data.source() + " (validation)", v, rows.length, d, labels);
    }

    /** Where a run is: position, history and early-stopping state; what a checkpoint saves besides tensors. */
    private static final class Progress {
        final String[] penaltyNames;
        final List<EpochMetrics> history = new ArrayList<>();
        int epochsDone;
        int stepInEpoch;
        long globalStep;
        EpochSums sums;
        double seconds;
        Autoencoder best;
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch;
        int sinceBest;
        boolean stoppedEarly;

        Progress(String[] penaltyNames) {
            this.penaltyNames = penaltyNames;
        }

        /** Records a finished epoch's validation result and decides on early stopping. */
        void endEpoch(int epoch, boolean validated, double val, Autoencoder current, TrainingConfig config) {
            epochsDone = epoch;
            stepInEpoch = 0;
            sums = null;
            seconds = 0;
            if (!validated) {
                bestEpoch = epoch;
            } else if (val < bestVal - config.minDelta()) {
                bestVal = val;
                best = current;
                bestEpoch = epoch;
                sinceBest = 0;
            } else if (config.patience() > 0 && ++sinceBest >= config.patience()) {
                stoppedEarly = true;
            }
        }

        void midEpoch(int done, int step, EpochSums sofar, double secondsSoFar) {
            epochsDone = done;
            stepInEpoch = step;
            sums = sofar;
            seconds = secondsSoFar;
        }

        Checkpoint.EpochSoFar epochSoFar() {
            Map<String, Double> p = new LinkedHashMap<>();
            if (sums == null) {
                for (String n : penaltyNames) {
                    p.put(n, 0.0);
                }
                return new Checkpoint.EpochSoFar(0, 0, p, 0, 0, 0);
            }
            for (int i = 0; i < penaltyNames.length; i++) {
                p.put(penaltyNames[i], sums.penalties[i]);
            }
            return new Checkpoint.EpochSoFar(sums.loss, sums.recon, p, sums.rows, sums.lastLoss, seconds);
        }

        Checkpoint.Best bestState() {
            return best == null ? new Checkpoint.Best(bestEpoch, bestVal, sinceBest, Map.of(), Map.of())
                    : new Checkpoint.Best(bestEpoch, bestVal, sinceBest, best.parameters(), best.optimizerState());
        }

        /** Restores everything but the tensors and generators; checks the checkpoint fits this run. */
        void restore(Checkpoint c, String source, Autoencoder model, int[] train, int stepsPerEpoch) {
            Checkpoint.Position p = c.position();
            if (p.stepInEpoch() >= stepsPerEpoch) {
                throw new IllegalArgumentException(source + ": written after step " + p.stepInEpoch()
                        + " of an epoch, but an epoch here has " + stepsPerEpoch + " steps");
            }
            int[] perm = c.permutation();
            int[] a = perm.clone();
            int[] b = train.clone();
            Arrays.sort(a);
            Arrays.sort(b);
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException(source + ": its row order is not a permutation of the "
                        + train.length + " training rows here");
            }
            System.arraycopy(perm, 0, train, 0, train.length);
            Checkpoint.EpochSoFar e = c.epochSoFar();
            if (!Arrays.asList(penaltyNames).equals(new ArrayList<>(e.penalties().keySet()))) {
                throw new IllegalArgumentException(source + ": has penalties " + e.penalties().keySet()
                        + ", the model has " + Arrays.toString(penaltyNames));
            }
            epochsDone = p.epochsDone();
            stepInEpoch = p.stepInEpoch();
            globalStep = p.globalStep();
            stoppedEarly = p.stoppedEarly();
            if (stepInEpoch > 0) {
                sums = new EpochSums(penaltyNames);
                sums.loss = e.loss();
                sums.recon = e.reconstructionLoss();
                sums.rows = e.rows();
                sums.lastLoss = e.lastLoss();
                for (int i = 0; i < penaltyNames.length; i++) {
                    sums.penalties[i] = e.penalties().get(penaltyNames[i]);
                }
                seconds = e.seconds();
            }
            history.addAll(c.history());
            Checkpoint.Best bs = c.best();
            bestEpoch = bs.epoch();
            bestVal = bs.validationLoss();
            sinceBest = bs.epochsSinceBest();
            best = bs.hasModel() ? new Autoencoder(model.spec(), model.inputDim(), bs.parameters(),
                    bs.optimizerState(), model.normalization()) : null;
        }
    }

    /** Writes checkpoints for one run. */
    private static final class Saver {
        final CheckpointPolicy policy;
        final Autoencoder template;
        final TrainingConfig config;
        final String backend;
        final Checkpoint.DataFingerprint data;

        Saver(CheckpointPolicy policy, Autoencoder template, TrainingConfig config, Backend backend,
              Checkpoint.DataFingerprint data) {
            this.policy = policy;
            this.template = template;
            this.config = config;
            this.backend = backend.describe();
            this.data = data;
            CheckpointStore.deleteStaleTemporaries(policy.path());
        }

        /** Writes the state, then reloads the session from exactly what was written. */
        void save(StepRunner main, Autoencoder now, Progress s, Rng shuffleRng, Rng noiseRng, int[] train) {
            Checkpoint c = new Checkpoint(template.spec().describe(), config, backend, data, template.inputDim(),
                    template.normalization(), now.parameters(), now.optimizerState(),
                    new Checkpoint.Position(s.epochsDone, s.stepInEpoch, s.globalStep, s.stoppedEarly),
                    shuffleRng.state(), noiseRng.state(), train, s.epochSoFar(), s.history, s.bestState());
            CheckpointStore.write(policy.path(), c);
            main.reload(now);
        }
    }

    /** Running sums over one epoch. */
    static final class EpochSums {
        final String[] penaltyNames;
        final double[] penalties;
        double loss;
        double recon;
        int rows;
        double lastLoss;

        EpochSums(String[] penaltyNames) {
            this.penaltyNames = penaltyNames;
            this.penalties = new double[penaltyNames.length];
        }

        EpochMetrics metrics(int epoch, double validation, double seconds) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (int i = 0; i < penaltyNames.length; i++) {
                p.put(penaltyNames[i], penalties[i] / rows);
            }
            return new EpochMetrics(epoch, loss / rows, recon / rows, p, validation, seconds, rows / seconds);
        }
    }
}
