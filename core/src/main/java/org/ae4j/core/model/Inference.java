package org.ae4j.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;

/**
 * Runs a model's inference program over a dataset in batches of {@link #BATCH} rows, collecting the outputs asked
 * for: codes, reconstructions, scores and the mean loss ({@link Output}). Only the requested outputs are computed:
 * the program handed to the backend has exactly those outputs (a code-only program never runs the decoder), and
 * only they are copied out.
 *
 * <p>{@link #run(Autoencoder, Backend, Dataset, Set)} is the one-shot form. A {@link Runner} ({@link #runner})
 * keeps its compiled programs between calls, so data processed a chunk at a time is compiled once (one program for
 * {@link #BATCH} rows and one for a partial last batch), and it can write into the caller's arrays. Either way the
 * values are those of the all-outputs program: the same graph nodes run on the same backend, in the same batches.
 *
 * @param codes [rows, k], or null when {@link Output#CODE} was not requested (the accessor then throws)
 * @param reconstructions [rows, d] in normalized units, or null when {@link Output#RECONSTRUCTION} was not requested
 * @param scores [rows], or null when {@link Output#SCORE} was not requested
 * @param meanLoss the reconstruction loss averaged over rows; NaN when {@link Output#LOSS} was not requested
 * @param outputs what was computed
 */
public record Inference(float[] codes, float[] reconstructions, float[] scores, double meanLoss, Set<Output> outputs) {
    /** Rows per inference batch. */
    public static final int BATCH = 256;

    /** What an inference run can compute. */
    public enum Output {
        /** The code h = f(x), [rows, k]. */
        CODE,
        /** The reconstruction x̂, [rows, d], in the model's normalized units. */
        RECONSTRUCTION,
        /** The per-row reconstruction error Σ_i (x_i − x̂_i)², the anomaly score, [rows]. */
        SCORE,
        /** The model's reconstruction loss averaged over rows (clean inputs, no penalties). */
        LOSS;

        /** This output's node in an inference graph (a new node for {@link #SCORE}, built on the graph's nodes). */
        Node node(ModelGraph g) {
            return switch (this) {
                case CODE -> g.encoder().code();
                case RECONSTRUCTION -> g.decoder().reconstruction();
                case SCORE -> g.score();
                case LOSS -> g.reconstructionLoss();
            };
        }

        /** Values per row, for the outputs that are per row. */
        int width(Autoencoder model) {
            return switch (this) {
                case CODE -> model.codeDim();
                case RECONSTRUCTION -> model.inputDim();
                case SCORE -> 1;
                case LOSS -> throw new IllegalStateException("the loss is one number, not one per row");
            };
        }

        String field() {
            return switch (this) {
                case CODE -> "codes";
                case RECONSTRUCTION -> "reconstructions";
                case SCORE -> "scores";
                case LOSS -> "meanLoss";
            };
        }
    }

    /** Every output. */
    public static final Set<Output> ALL = Collections.unmodifiableSet(EnumSet.allOf(Output.class));

    /** The per-row outputs, in the order of {@link ModelGraph#inferenceProgram()}. */
    private static final List<Output> ARRAYS = List.of(Output.CODE, Output.RECONSTRUCTION, Output.SCORE);

    /**
     * @throws IllegalArgumentException when an array is given for an output that is not in {@code outputs}, or is
     *         missing for one that is
     */
    public Inference {
        outputs = checked(outputs);
        float[][] arrays = {codes, reconstructions, scores};
        for (int i = 0; i < ARRAYS.size(); i++) {
            Output o = ARRAYS.get(i);
            if ((arrays[i] != null) != outputs.contains(o)) {
                throw new IllegalArgumentException(o.field() + ": " + (arrays[i] == null ? "missing, but " + o
                        + " is in the outputs " + outputs : "given, but " + o + " is not in the outputs " + outputs));
            }
        }
        if (!outputs.contains(Output.LOSS)) {
            meanLoss = Double.NaN;
        }
    }

    /** A result holding every output. */
    public Inference(float[] codes, float[] reconstructions, float[] scores, double meanLoss) {
        this(codes, reconstructions, scores, meanLoss, ALL);
    }

    /**
     * The codes, [rows, k].
     *
     * @throws IllegalStateException when {@link Output#CODE} was not requested
     */
    @Override
    public float[] codes() {
        require(Output.CODE);
        return codes;
    }

    /**
     * The reconstructions, [rows, d], in normalized units.
     *
     * @throws IllegalStateException when {@link Output#RECONSTRUCTION} was not requested
     */
    @Override
    public float[] reconstructions() {
        require(Output.RECONSTRUCTION);
        return reconstructions;
    }

    /**
     * The scores, [rows].
     *
     * @throws IllegalStateException when {@link Output#SCORE} was not requested
     */
    @Override
    public float[] scores() {
        require(Output.SCORE);
        return scores;
    }

    /**
     * The reconstruction loss averaged over rows.
     *
     * @throws IllegalStateException when {@link Output#LOSS} was not requested
     */
    @Override
    public double meanLoss() {
        require(Output.LOSS);
        return meanLoss;
    }

    /** Whether {@code output} was computed. */
    public boolean has(Output output) {
        return outputs.contains(output);
    }

    private void require(Output o) {
        if (!outputs.contains(o)) {
            throw new IllegalStateException(o.field() + " were not computed: this inference holds " + outputs
                    + " only; ask Inference.run for " + o);
        }
    }

    /**
     * Runs the model over every row of raw data, computing every output: the model's normalization is applied
     * first, and reconstructions and scores are in normalized units.
     */
    public static Inference run(Autoencoder model, Backend backend, Dataset raw) {
        return run(model, backend, raw, ALL);
    }

    /**
     * Runs the model over every row of raw data, computing only {@code outputs}; the accessors of the others throw.
     * The model's normalization is applied first, and reconstructions and scores are in normalized units.
     *
     * @throws IllegalArgumentException when {@code outputs} is empty or the data's width is not the model's
     */
    public static Inference run(Autoencoder model, Backend backend, Dataset raw, Set<Output> outputs) {
        try (Runner r = runner(model, backend, outputs)) {
            return r.run(raw);
        }
    }

    /** {@link #run(Autoencoder, Backend, Dataset, Set)} for the outputs listed. */
    public static Inference run(Autoencoder model, Backend backend, Dataset raw, Output first, Output... more) {
        return run(model, backend, raw, EnumSet.of(first, more));
    }

    /**
     * A runner computing {@code outputs} of {@code model} on {@code backend}, for data given a chunk at a time.
     * Close it to release its sessions.
     *
     * @throws IllegalArgumentException when {@code outputs} is empty
     */
    public static Runner runner(Autoencoder model, Backend backend, Set<Output> outputs) {
        return new Runner(model, backend, outputs);
    }

    private static Set<Output> checked(Set<Output> outputs) {
        Objects.requireNonNull(outputs, "outputs");
        for (Output o : outputs) {
            Objects.requireNonNull(o, "outputs: null element");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: expected at least one of " + ALL + ", got none");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(outputs));
    }

    /**
     * Computes a fixed set of outputs of one model over data given in any number of calls, reusing its compiled
     * programs: one for {@link #BATCH} rows and one for the latest partial last batch (a call's rows are batched
     * from its first row, as {@link Inference#run} does, so results do not depend on the form used). Rows are
     * normalized a batch at a time into a buffer of its own, so the data is never copied whole. Not thread-safe.
     */
    public static final class Runner implements AutoCloseable {
        private final Autoencoder model;
        private final Backend backend;
        private final Set<Output> outputs;
        private final Normalization normalization;
        private Batched main;
        private Batched tail;
        private boolean closed;

        private Runner(Autoencoder model, Backend backend, Set<Output> outputs) {
            this.model = Objects.requireNonNull(model, "model");
            this.backend = Objects.requireNonNull(backend, "backend");
            this.outputs = checked(outputs);
            this.normalization = model.normalization();
        }

        /** The outputs this runner computes. */
        public Set<Output> outputs() {
            return outputs;
        }

        /** Runs over every row of raw data, into new arrays of exactly its rows. */
        public Inference run(Dataset raw) {
            int rows = raw.rows();
            float[] codes = array(Output.CODE, rows);
            float[] recon = array(Output.RECONSTRUCTION, rows);
            float[] scores = array(Output.SCORE, rows);
            double loss = run(raw, 0, codes, recon, scores);
            return new Inference(codes, recon, scores, loss, outputs);
        }

        private float[] array(Output o, int rows) {
            return outputs.contains(o) ? new float[Math.multiplyExact(rows, o.width(model))] : null;
        }

        /**
         * Runs over every row of raw data, writing row {@code r}'s values at row {@code atRow + r} of the array of
         * each requested output, row-major: codes [.., k], reconstructions [.., d] (normalized units), scores [..].
         * Pass null for the outputs not requested; the arrays may be longer than needed, and nothing else in them
         * is written, so a caller can reuse one set of arrays for every chunk, or fill one array for all chunks.
         *
         * @return the reconstruction loss averaged over these rows when {@link Output#LOSS} is requested, else NaN
         * @throws IllegalArgumentException when the data's width is not the model's, an array is missing or too
         *         short for a requested output, or given for one not requested
         */
        public double run(Dataset raw, int atRow, float[] codes, float[] reconstructions, float[] scores) {
            if (closed) {
                throw new IllegalStateException("this inference runner is closed");
            }
            model.checkWidth(raw);
            int rows = raw.rows();
            if (atRow < 0) {
                throw new IllegalArgumentException("atRow: expected >= 0, got " + atRow);
            }
            float[][] dst = {codes, reconstructions, scores};
            for (int i = 0; i < ARRAYS.size(); i++) {
                Output o = ARRAYS.get(i);
                if (!outputs.contains(o)) {
                    if (dst[i] != null) {
                        throw new IllegalArgumentException(o.field() + ": an array was given, but this runner "
                                + "computes " + outputs + " only; pass null");
                    }
                    continue;
                }
                if (dst[i] == null) {
                    throw new IllegalArgumentException(o.field() + ": expected an array for " + o + ", got null");
                }
                long need = ((long) atRow + rows) * o.width(model);
                if (dst[i].length < need) {
                    throw new IllegalArgumentException(o.field() + ": expected at least " + need + " floats for rows "
                            + atRow + " to " + (atRow + rows) + " of " + o.width(model) + ", got " + dst[i].length);
                }
            }
            double lossSum = 0;
            int full = Math.min(BATCH, rows);
            Batched b = batched(full);
            int start = 0;
            for (; start + full <= rows; start += full) {
                lossSum += b.run(raw, start, atRow + start, dst) * full;
            }
            if (start < rows) {
                int rest = rows - start;
                lossSum += batched(rest).run(raw, start, atRow + start, dst) * rest;
            }
            return outputs.contains(Output.LOSS) ? lossSum / rows : Double.NaN;
        }

        /** The program compiled for {@code batch} rows: the main one, or the tail one (replaced on a new size). */
        private Batched batched(int batch) {
            if (batch == BATCH) {
                if (main == null) {
                    main = new Batched(batch);
                }
                return main;
            }
            if (tail == null || tail.batch != batch) {
                if (tail != null) {
                    tail.close();
                    tail = null;
                }
                tail = new Batched(batch);
            }
            return tail;
        }

        @Override
        public void close() {
            closed = true;
            try {
                if (main != null) {
                    main.close();
                }
            } finally {
                main = null;
                if (tail != null) {
                    tail.close();
                    tail = null;
                }
            }
        }

        /** One compiled inference program of the requested outputs, for a fixed batch size. */
        private final class Batched implements AutoCloseable {
            private final int batch;
            private final Session session;
            private final Node x;
            private final Map<Output, Node> nodes = new EnumMap<>(Output.class);
            private final float[][] buffers = new float[ARRAYS.size()][];
            private final float[] normalized;

            Batched(int batch) {
                this.batch = batch;
                ModelGraph g = ModelGraph.inference(model.spec(), model.inputDim(), batch);
                List<Node> outs = new ArrayList<>();
                for (Output o : outputs) { // EnumSet order: code, reconstruction, score, loss
                    Node n = o.node(g);
                    nodes.put(o, n);
                    outs.add(n);
                }
                Program p = Program.of(outs, Map.of());
                this.x = g.input();
                this.session = backend.open(p);
                try {
                    for (Node param : p.parameters()) {
                        session.setParameter(param, model.parameter(param.name()));
                    }
                } catch (RuntimeException e) {
                    session.close();
                    throw e;
                }
                for (int i = 0; i < ARRAYS.size(); i++) {
                    Node n = nodes.get(ARRAYS.get(i));
                    buffers[i] = n == null ? null : new float[n.shape().size()];
                }
                this.normalized = normalization.isIdentity() ? null : new float[x.shape().size()];
            }

            /** Runs rows [startRow, startRow + batch) of raw and copies them out at row dstRow; the batch loss. */
            double run(Dataset raw, int startRow, int dstRow, float[][] dst) {
                float[] values = raw.values();
                int d = x.shape().dim(1);
                if (normalized == null) {
                    session.setInput(x, values, startRow * d);
                } else {
                    int bad = normalization.applyRows(values, startRow, batch, normalized);
                    if (bad >= 0) {
                        throw new IllegalArgumentException(raw.source() + ": row " + (startRow + bad / d)
                                + ", column " + bad % d + ": expected a finite number, got " + normalized[bad]
                                + " after the model's normalization");
                    }
                    session.setInput(x, normalized, 0);
                }
                session.run();
                for (int i = 0; i < ARRAYS.size(); i++) {
                    if (buffers[i] != null) {
                        Output o = ARRAYS.get(i);
                        session.getOutput(nodes.get(o), buffers[i]);
                        int w = buffers[i].length / batch;
                        System.arraycopy(buffers[i], 0, dst[i], dstRow * w, batch * w);
                    }
                }
                Node loss = nodes.get(Output.LOSS);
                return loss == null ? 0 : session.scalarOutput(loss);
            }

            @Override
            public void close() {
                session.close();
            }
        }
    }
}
