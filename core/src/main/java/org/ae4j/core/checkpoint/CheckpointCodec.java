package org.ae4j.core.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.TrainingConfig;

/** Maps a {@link Checkpoint} to the named entries of a file and back. */
final class CheckpointCodec {
    private static final String PARAM = "param/";
    private static final String STATE = "state/";
    private static final String BEST_PARAM = "best.param/";
    private static final String BEST_STATE = "best.state/";
    private static final String EPOCH_PENALTY = "epoch.penalty/";
    private static final String HISTORY_PENALTY = "history.penalty/";

    private CheckpointCodec() {
    }

    static Entries encode(Checkpoint c) {
        Entries e = new Entries();
        // Header: what the file is for, in words.
        e.put("spec", c.spec()).put("config", c.config().toString()).put("backend", c.backend());
        TrainingConfig t = c.config();
        e.put("config.epochs", (long) t.epochs()).put("config.batchSize", (long) t.batchSize())
                .put("config.seed", t.seed()).put("config.shuffle", bit(t.shuffle()))
                .put("config.dropLast", bit(t.dropLast())).put("config.validationFraction", t.validationFraction())
                .put("config.patience", (long) t.patience()).put("config.minDelta", t.minDelta());
        e.put("data.rows", (long) c.data().rows()).put("data.cols", (long) c.data().cols())
                .put("data.crc32", c.data().crc32());
        Checkpoint.Position p = c.position();
        e.put("position.epochsDone", (long) p.epochsDone()).put("position.stepInEpoch", (long) p.stepInEpoch())
                .put("position.globalStep", p.globalStep()).put("position.stoppedEarly", bit(p.stoppedEarly()));
        e.put("rng.shuffle", c.shuffleRngState()).put("rng.noise", c.noiseRngState())
                .put("rng.permutation", c.permutation());
        e.put("model.inputDim", (long) c.inputDim());
        Normalization n = c.normalization();
        e.put("normalization.kind", n.kind().optionName()).put("normalization.shift", n.shift())
                .put("normalization.scale", n.scale());
        c.parameters().forEach((k, v) -> e.put(PARAM + k, v));
        c.optimizerState().forEach((k, v) -> e.put(STATE + k, v));
        Checkpoint.EpochSoFar s = c.epochSoFar();
        e.put("epoch.loss", s.loss()).put("epoch.reconstructionLoss", s.reconstructionLoss())
                .put("epoch.rows", (long) s.rows()).put("epoch.lastLoss", s.lastLoss()).put("epoch.seconds", s.seconds());
        s.penalties().forEach((k, v) -> e.put(EPOCH_PENALTY + k, v));
        encodeHistory(c.history(), e);
        Checkpoint.Best b = c.best();
        e.put("best.epoch", (long) b.epoch()).put("best.validationLoss", b.validationLoss())
                .put("best.epochsSinceBest", (long) b.epochsSinceBest());
        b.parameters().forEach((k, v) -> e.put(BEST_PARAM + k, v));
        b.optimizerState().forEach((k, v) -> e.put(BEST_STATE + k, v));
        return e;
    }

    private static void encodeHistory(List<EpochMetrics> h, Entries e) {
        int n = h.size();
        int[] epoch = new int[n];
        double[] loss = new double[n];
        double[] recon = new double[n];
        double[] validation = new double[n];
        double[] seconds = new double[n];
        double[] rate = new double[n];
        Map<String, double[]> penalties = new LinkedHashMap<>();
        if (n > 0) {
            h.get(0).penalties().keySet().forEach(k -> penalties.put(k, new double[n]));
        }
        for (int i = 0; i < n; i++) {
            EpochMetrics m = h.get(i);
            epoch[i] = m.epoch();
            loss[i] = m.loss();
            recon[i] = m.reconstructionLoss();
            validation[i] = m.validationLoss();
            seconds[i] = m.seconds();
            rate[i] = m.rowsPerSecond();
            if (!m.penalties().keySet().equals(penalties.keySet())) {
                throw new IllegalArgumentException("history: epoch " + m.epoch() + " has penalties "
                        + m.penalties().keySet() + ", epoch " + h.get(0).epoch() + " has " + penalties.keySet());
            }
            for (Map.Entry<String, Double> p : m.penalties().entrySet()) {
                penalties.get(p.getKey())[i] = p.getValue();
            }
        }
        e.put("history.epoch", epoch).put("history.loss", loss).put("history.reconstructionLoss", recon)
                .put("history.validationLoss", validation).put("history.seconds", seconds)
                .put("history.rowsPerSecond", rate);
        penalties.forEach((k, v) -> e.put(HISTORY_PENALTY + k, v));
    }

    static Checkpoint decode(Entries e) {
        try {
            TrainingConfig config = new TrainingConfig(e.getInt("config.epochs"), e.getInt("config.batchSize"),
                    e.getLong("config.seed"), e.getBoolean("config.shuffle"), e.getBoolean("config.dropLast"),
                    e.getDouble("config.validationFraction"), e.getInt("config.patience"),
                    e.getDouble("config.minDelta"));
            Checkpoint.DataFingerprint data = new Checkpoint.DataFingerprint(e.getInt("data.rows"),
                    e.getInt("data.cols"), e.getLong("data.crc32"));
            Checkpoint.Position position = new Checkpoint.Position(e.getInt("position.epochsDone"),
                    e.getInt("position.stepInEpoch"), e.getLong("position.globalStep"),
                    e.getBoolean("position.stoppedEarly"));
            Normalization normalization = new Normalization(Normalization.Kind.parse(e.getString("normalization.kind")),
                    e.getFloats("normalization.shift"), e.getFloats("normalization.scale"));
            Map<String, Double> penalties = new LinkedHashMap<>();
            for (Map.Entry<String, Object> x : e.all().entrySet()) {
                if (x.getKey().startsWith(EPOCH_PENALTY)) {
                    penalties.put(x.getKey().substring(EPOCH_PENALTY.length()), e.getDouble(x.getKey()));
                }
            }
            Checkpoint.EpochSoFar soFar = new Checkpoint.EpochSoFar(e.getDouble("epoch.loss"),
                    e.getDouble("epoch.reconstructionLoss"), penalties, e.getInt("epoch.rows"),
                    e.getDouble("epoch.lastLoss"), e.getDouble("epoch.seconds"));
            Checkpoint.Best best = new Checkpoint.Best(e.getInt("best.epoch"), e.getDouble("best.validationLoss"),
                    e.getInt("best.epochsSinceBest"), e.floatsUnder(BEST_PARAM), e.floatsUnder(BEST_STATE));
            return new Checkpoint(e.getString("spec"), config, e.getString("backend"), data,
                    e.getInt("model.inputDim"), normalization, e.floatsUnder(PARAM), e.floatsUnder(STATE), position,
                    e.getLong("rng.shuffle"), e.getLong("rng.noise"), e.getInts("rng.permutation"), soFar,
                    decodeHistory(e), best);
        } catch (IllegalArgumentException ex) {
            throw new MalformedCheckpointException("invalid content: " + ex.getMessage());
        }
    }

    private static List<EpochMetrics> decodeHistory(Entries e) {
        int[] epoch = e.getInts("history.epoch");
        double[][] cols = {e.getDoubles("history.loss"), e.getDoubles("history.reconstructionLoss"),
            e.getDoubles("history.validationLoss"), e.getDoubles("history.seconds"),
            e.getDoubles("history.rowsPerSecond")};
        Map<String, double[]> penalties = e.doublesUnder(HISTORY_PENALTY);
        for (double[] c : cols) {
            checkLength(c.length, epoch.length);
        }
        penalties.values().forEach(c -> checkLength(c.length, epoch.length));
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < epoch.length; i++) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> x : penalties.entrySet()) {
                p.put(x.getKey(), x.getValue()[i]);
            }
            out.add(new EpochMetrics(epoch[i], cols[0][i], cols[1][i], p, cols[2][i], cols[3][i], cols[4][i]));
        }
        return out;
    }

    private static void checkLength(int n, int expected) {
        if (n != expected) {
            throw new MalformedCheckpointException("history: expected " + expected + " values per column, got " + n);
        }
    }

    private static long bit(boolean b) {
        return b ? 1 : 0;
    }
}
