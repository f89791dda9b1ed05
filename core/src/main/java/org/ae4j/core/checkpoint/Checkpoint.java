package org.ae4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.TrainingConfig;

/**
 * The whole state of a training run at one step: enough to continue it bit for bit. Maps and arrays are copied
 * in; the arrays inside the returned maps are not copied out, so do not modify them.
 *
 * @param spec the model spec's {@link AutoencoderSpec#describe()} (spec objects are not serialized)
 * @param config the training config of the run
 * @param backend the description of the backend that wrote it (informational)
 * @param data the shape and checksum of the raw training data
 * @param inputDim input width d
 * @param normalization the model's input normalization
 * @param parameters every model parameter, by name
 * @param optimizerState every optimizer state tensor, by name
 * @param position where in the run this is
 * @param shuffleRngState {@link org.ae4j.core.util.Rng#state()} of the shuffling generator
 * @param noiseRngState {@link org.ae4j.core.util.Rng#state()} of the noise generator
 * @param permutation the current epoch's order of the training rows
 * @param epochSoFar running sums of the epoch in progress (all zero at an epoch boundary)
 * @param history the metrics of every completed epoch
 * @param best the early-stopping state
 */
public record Checkpoint(String spec, TrainingConfig config, String backend, DataFingerprint data, int inputDim,
                         Normalization normalization, Map<String, float[]> parameters,
                         Map<String, float[]> optimizerState, Position position, long shuffleRngState,
                         long noiseRngState, int[] permutation, EpochSoFar epochSoFar, List<EpochMetrics> history,
                         Best best) {
    public Checkpoint {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(epochSoFar, "epochSoFar");
        Objects.requireNonNull(best, "best");
        if (inputDim < 1) {
            throw new IllegalArgumentException("inputDim: expected >= 1, got " + inputDim);
        }
        parameters = copy(parameters);
        optimizerState = copy(optimizerState);
        permutation = permutation.clone();
        history = List.copyOf(history);
    }

    /** Where a checkpoint lies in its run. */
    public record Position(int epochsDone, int stepInEpoch, long globalStep, boolean stoppedEarly) {
        /**
         * @param epochsDone epochs completed
         * @param stepInEpoch steps completed of the next epoch (0 at an epoch boundary)
         * @param globalStep steps completed in all
         * @param stoppedEarly early stopping ended the run here
         */
        public Position {
            if (epochsDone < 0 || stepInEpoch < 0 || globalStep < 0) {
                throw new IllegalArgumentException("position: expected non-negative counts, got epochsDone "
                        + epochsDone + ", stepInEpoch " + stepInEpoch + ", globalStep " + globalStep);
            }
        }
    }

    /** Rows, columns and the CRC-32 of the raw values (big-endian float bits) of a dataset. */
    public record DataFingerprint(int rows, int cols, long crc32) {
        /** The fingerprint of a dataset. */
        public static DataFingerprint of(Dataset data) {
            CRC32 crc = new CRC32();
            float[] v = data.values();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < v.length;) {
                int n = Math.min(v.length - i, buf.capacity() / 4);
                buf.clear();
                buf.asFloatBuffer().put(v, i, n);
                crc.update(buf.array(), 0, 4 * n);
                i += n;
            }
            return new DataFingerprint(data.rows(), data.cols(), crc.getValue());
        }
    }

    /**
     * Running sums over the steps done so far in the epoch in progress.
     *
     * @param loss Σ batch loss · batch rows
     * @param reconstructionLoss Σ batch reconstruction loss · batch rows
     * @param penalties Σ batch penalty · batch rows, by regularizer name
     * @param rows rows trained on so far
     * @param lastLoss the loss of the last step
     * @param seconds wall time of the steps so far
     */
    public record EpochSoFar(double loss, double reconstructionLoss, Map<String, Double> penalties, int rows,
                             double lastLoss, double seconds) {
        public EpochSoFar {
            penalties = Collections.unmodifiableMap(new LinkedHashMap<>(penalties));
        }
    }

    /**
     * Early stopping's state. Without a kept model the maps are empty.
     *
     * @param epoch the best epoch so far (0: none yet)
     * @param validationLoss its validation loss (+∞: none yet)
     * @param epochsSinceBest epochs without improvement since
     * @param parameters the kept model's parameters (empty: none kept)
     * @param optimizerState the kept model's optimizer state
     */
    public record Best(int epoch, double validationLoss, int epochsSinceBest, Map<String, float[]> parameters,
                       Map<String, float[]> optimizerState) {
        public Best {
            parameters = copy(parameters);
            optimizerState = copy(optimizerState);
        }

        /** No best epoch yet. */
        public static Best none() {
            return new Best(0, Double.POSITIVE_INFINITY, 0, Map.of(), Map.of());
        }

        /** True when a model is kept. */
        public boolean hasModel() {
            return !parameters.isEmpty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Best b && b.epoch == epoch && Double.compare(b.validationLoss, validationLoss) == 0
                    && b.epochsSinceBest == epochsSinceBest && sameTensors(b.parameters, parameters)
                    && sameTensors(b.optimizerState, optimizerState);
        }

        @Override
        public int hashCode() {
            return Objects.hash(epoch, validationLoss, epochsSinceBest, parameters.keySet());
        }
    }

    @Override
    public int[] permutation() {
        return permutation.clone();
    }

    /** The model this checkpoint holds, with its optimizer state; the spec must be the one it was written for. */
    public Autoencoder model(AutoencoderSpec s) {
        checkSpec(s, "this checkpoint");
        return new Autoencoder(s, inputDim, parameters, optimizerState, normalization);
    }

    /**
     * Checks that a run can continue from here: same model spec, same config (only epochs may change) and
     * same training data.
     *
     * @param source names the checkpoint in errors (a file)
     * @throws IllegalArgumentException naming what differs
     */
    public void checkResumable(AutoencoderSpec s, TrainingConfig c, DataFingerprint d, String source) {
        checkSpec(s, source);
        List<String> diffs = new ArrayList<>();
        diff(diffs, "batchSize", config.batchSize(), c.batchSize());
        diff(diffs, "seed", config.seed(), c.seed());
        diff(diffs, "shuffle", config.shuffle(), c.shuffle());
        diff(diffs, "dropLast", config.dropLast(), c.dropLast());
        diff(diffs, "validationFraction", config.validationFraction(), c.validationFraction());
        diff(diffs, "patience", config.patience(), c.patience());
        diff(diffs, "minDelta", config.minDelta(), c.minDelta());
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException(source + ": the training config differs from the checkpoint's in "
                    + String.join(", ", diffs) + " (only epochs may change when resuming)");
        }
        if (d.rows() != data.rows() || d.cols() != data.cols()) {
            throw new IllegalArgumentException(source + ": written for training data of " + data.rows() + "x"
                    + data.cols() + ", but the data is " + d.rows() + "x" + d.cols());
        }
        if (d.crc32() != data.crc32()) {
            throw new IllegalArgumentException(String.format("%s: written for other training data of the same shape "
                    + "(data CRC-32 %08x, the data has %08x)", source, data.crc32(), d.crc32()));
        }
        if (position.stepInEpoch() > 0 && position.epochsDone() >= c.epochs()) {
            throw new IllegalArgumentException(source + ": written during epoch " + (position.epochsDone() + 1)
                    + ", but the config has only " + c.epochs() + " epochs");
        }
    }

    private void checkSpec(AutoencoderSpec s, String source) {
        if (!spec.equals(s.describe())) {
            throw new IllegalArgumentException(source + ": written for model '" + spec + "', but the spec is '"
                    + s.describe() + "'");
        }
    }

    private static void diff(List<String> out, String field, Object was, Object now) {
        if (!was.equals(now)) {
            out.add(field + " (checkpoint " + was + ", config " + now + ")");
        }
    }

    private static Map<String, float[]> copy(Map<String, float[]> m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(Objects.requireNonNull(k), v.clone()));
        return Collections.unmodifiableMap(out);
    }

    /** Same names in the same order with bitwise-identical values. */
    static boolean sameTensors(Map<String, float[]> a, Map<String, float[]> b) {
        if (!new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
            return false;
        }
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            float[] x = e.getValue();
            float[] y = b.get(e.getKey());
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Field by field, with arrays compared bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.spec.equals(spec) && c.config.equals(config)
                && c.backend.equals(backend) && c.data.equals(data) && c.inputDim == inputDim
                && c.normalization.equals(normalization) && sameTensors(c.parameters, parameters)
                && sameTensors(c.optimizerState, optimizerState) && c.position.equals(position)
                && c.shuffleRngState == shuffleRngState && c.noiseRngState == noiseRngState
                && Arrays.equals(c.permutation, permutation) && c.epochSoFar.equals(epochSoFar)
                && c.history.equals(history) && c.best.equals(best);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, config, position, shuffleRngState, noiseRngState, Arrays.hashCode(permutation));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + position + ", " + parameters.size() + " parameters, " + optimizerState.size()
                + " optimizer state tensors, model " + spec + "]";
    }
}
