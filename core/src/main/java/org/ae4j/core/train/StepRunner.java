package org.ae4j.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.TrainingProgram;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;

/** One compiled training step for a fixed batch size, with its preallocated input and noise buffers. */
final class StepRunner implements AutoCloseable {
    private final Autoencoder template;
    private final TrainingProgram tp;
    private final Session session;
    private final Node x;
    private final int batch;
    private final int width;
    private final Node[] noiseNodes;
    private final NoiseSampler[] samplers;
    private final float[][] noiseBufs;
    private final Node[] penaltyNodes;
    private final String[] penaltyNames;
    private final Map<String, Node> paramsByName = new LinkedHashMap<>();
    private int runsSinceLoad;
    /** Stands in for revert when the session cannot revert; null when it can. */
    private final ReplayLog replay;

    StepRunner(Backend backend, Autoencoder start, int batch, double min, double max) {
        this(backend, start, batch, min, max, ReplayLog.WINDOW);
    }

    /**
     * A runner on a session the backend may update in place ({@link Backend#openInPlace}); when that session
     * cannot revert, a {@link ReplayLog} of {@code window} runs per window stands in for revert.
     */
    StepRunner(Backend backend, Autoencoder start, int batch, double min, double max, int window) {
        this.template = start;
        this.batch = batch;
        this.width = start.inputDim();
        ModelGraph g = ModelGraph.training(start.spec(), width, batch, min, max);
        this.tp = g.trainingProgram(start.spec().optimizer());
        this.x = g.input();
        List<Node> nn = new ArrayList<>(tp.noise().keySet());
        this.noiseNodes = nn.toArray(new Node[0]);
        this.samplers = new NoiseSampler[noiseNodes.length];
        this.noiseBufs = new float[noiseNodes.length][];
        for (int i = 0; i < noiseNodes.length; i++) {
            samplers[i] = tp.noise().get(noiseNodes[i]);
            noiseBufs[i] = new float[noiseNodes[i].shape().size()];
        }
        this.penaltyNames = tp.penalties().keySet().toArray(new String[0]);
        this.penaltyNodes = tp.penalties().values().toArray(new Node[0]);
        this.session = backend.openInPlace(tp.program());
        Map<String, float[]> params = start.parameters();
        Map<String, float[]> state = start.optimizerState();
        for (Node p : tp.program().parameters()) {
            paramsByName.put(p.name(), p);
            float[] v = params.containsKey(p.name()) ? params.get(p.name()) : state.get(p.name());
            if (v == null || v.length != p.shape().size()) {
                v = new float[p.shape().size()];
            }
            session.setParameter(p, v);
        }
        this.replay = session.canRevert() ? null
                : new ReplayLog(session, paramsByName.values().toArray(new Node[0]), batch, window);
    }

    String[] penaltyNames() {
        return penaltyNames;
    }

    /** Runs one step on rows order[from .. from+batch) of data; throws TrainingDivergedException on a bad loss. */
    void step(Dataset data, int[] order, int from, Rng noiseRng, Trainer.EpochSums sums, int epoch, int step) {
        if (replay != null) {
            replay.beforeRun(runsSinceLoad, order, from, noiseRng);
        }
        run(data, order, from, noiseRng);
        runsSinceLoad++;
        float loss = session.scalarOutput(tp.loss());
        if (!Float.isFinite(loss)) {
            // Back to the values of the last run with a finite loss, never past the last load.
            int back = Math.min(2, runsSinceLoad);
            if (replay == null) {
                session.revert(back);
            } else {
                replay.rebuild(runsSinceLoad - back, noiseRng, (rows, rng) -> run(data, rows, 0, rng));
            }
            throw new TrainingDivergedException(epoch, step, loss, snapshot());
        }
        sums.loss += (double) loss * batch;
        sums.recon += (double) session.scalarOutput(tp.reconstructionLoss()) * batch;
        for (int i = 0; i < penaltyNodes.length; i++) {
            sums.penalties[i] += (double) session.scalarOutput(penaltyNodes[i]) * batch;
        }
        sums.rows += batch;
        sums.lastLoss = loss;
    }

    /** One run of the session on rows order[from .. from+batch) of data, with fresh noise. */
    private void run(Dataset data, int[] order, int from, Rng noiseRng) {
        session.setInputRows(x, data.values(), order, from);
        for (int i = 0; i < noiseNodes.length; i++) {
            samplers[i].fill(noiseRng, noiseBufs[i]);
            session.setInput(noiseNodes[i], noiseBufs[i], 0);
        }
        session.run();
    }

    /** Copies every parameter and optimizer state tensor into another runner of the same model. */
    void copyStateTo(StepRunner other) {
        for (Map.Entry<String, Node> e : paramsByName.entrySet()) {
            Node theirs = other.paramsByName.get(e.getKey());
            float[] buf = new float[e.getValue().shape().size()];
            session.getParameter(e.getValue(), buf);
            other.session.setParameter(theirs, buf);
        }
        other.loaded();
    }

    /**
     * Loads every parameter and optimizer state tensor from a snapshot of this runner's model, so the session
     * continues from exactly those float values (what a checkpoint holds), whatever precision it keeps inside.
     */
    void reload(Autoencoder snap) {
        Map<String, float[]> params = snap.parameters();
        Map<String, float[]> state = snap.optimizerState();
        for (Map.Entry<String, Node> e : paramsByName.entrySet()) {
            float[] v = params.containsKey(e.getKey()) ? params.get(e.getKey()) : state.get(e.getKey());
            session.setParameter(e.getValue(), v);
        }
        loaded();
    }

    /** The parameters were just set from outside: runs before this can no longer be gone back to. */
    private void loaded() {
        runsSinceLoad = 0;
        if (replay != null) {
            replay.reset();
        }
    }

    /** The model as it is now in the session. */
    Autoencoder snapshot() {
        Map<String, float[]> params = new LinkedHashMap<>();
        Map<String, float[]> state = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : paramsByName.entrySet()) {
            float[] buf = new float[e.getValue().shape().size()];
            session.getParameter(e.getValue(), buf);
            (tp.optimizerState().contains(e.getKey()) ? state : params).put(e.getKey(), buf);
        }
        return new Autoencoder(template.spec(), width, params, state, template.normalization());
    }

    @Override
    public void close() {
        session.close();
    }
}
