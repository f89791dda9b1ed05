package org.ae4j.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class Trainer {
    private final Backend backend;

    public Trainer(Backend backend) {
        this.backend = backend;
    }

    /** The backend this trainer runs on. */
    public Backend backend() {
        return backend;
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
        List<EpochMetrics> history = new ArrayList<>();
        Autoencoder best = null;
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        try (StepRunner main = new StepRunner(backend, start, batch, min, max);
             StepRunner last = tail > 0 ? new StepRunner(backend, start, tail, min, max) : null) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (config.shuffle()) {
                    shuffleRng.shuffle(train);
                }
                long t0 = System.nanoTime();
                EpochSums sums = new EpochSums(main.penaltyNames());
                int step = 0;
                for (int b = 0; b < fullBatches; b++) {
                    step++;
                    main.step(data, train, b * batch, noiseRng, sums, epoch, step);
                    notifyBatch(listeners, epoch, step, stepsPerEpoch, sums);
                }
                if (tail > 0) {
                    step++;
                    main.copyStateTo(last);
                    last.step(data, train, fullBatches * batch, noiseRng, sums, epoch, step);
                    last.copyStateTo(main);
                    notifyBatch(listeners, epoch, step, stepsPerEpoch, sums);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Autoencoder current = main.snapshot();
                double val = validation != null ? Inference.run(current, backend, validation).meanLoss() : Double.NaN;
                EpochMetrics m = sums.metrics(epoch, val, seconds);
                history.add(m);
                for (TrainingListener l : listeners) {
                    l.onEpoch(m);
                }
                if (validation == null) {
                    bestEpoch = epoch;
                    continue;
                }
                if (val < bestVal - config.minDelta()) {
                    bestVal = val;
                    best = current;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (config.patience() > 0 && ++sinceBest >= config.patience()) {
                    stoppedEarly = true;
                    break;
                }
            }
            Autoencoder result = best != null && config.patience() > 0 ? best : main.snapshot();
            if (best == null || config.patience() == 0) {
                bestEpoch = history.size();
            }
            TrainingResult r = new TrainingResult(result, history, stoppedEarly, bestEpoch);
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
