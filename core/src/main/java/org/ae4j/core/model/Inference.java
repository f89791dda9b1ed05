package org.ae4j.core.model;

import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;

/**
 * Runs a model's inference program over a dataset in batches, collecting codes, reconstructions and scores.
 *
 * @param codes [rows, k]
 * @param reconstructions [rows, d]
 * @param scores [rows]
 * @param meanLoss the reconstruction loss averaged over rows
 */
public record Inference(float[] codes, float[] reconstructions, float[] scores, double meanLoss) {
    /** Rows per inference batch. */
    public static final int BATCH = 256;

    /**
     * Runs the model over every row of raw data: the model's normalization is applied first, and reconstructions
     * and scores are in normalized units.
     */
    public static Inference run(Autoencoder model, Backend backend, Dataset raw) {
        model.checkWidth(raw);
        Dataset data = model.normalization().apply(raw);
        int rows = data.rows();
        int d = data.cols();
        int k = model.codeDim();
        float[] codes = new float[rows * k];
        float[] recon = new float[rows * d];
        float[] scores = new float[rows];
        double lossSum = 0;
        int full = Math.min(BATCH, rows);
        try (Batched main = new Batched(model, backend, full)) {
            int start = 0;
            for (; start + full <= rows; start += full) {
                lossSum += main.run(data.values(), start, full, codes, recon, scores) * full;
            }
            if (start < rows) {
                int rest = rows - start;
                try (Batched tail = new Batched(model, backend, rest)) {
                    lossSum += tail.run(data.values(), start, rest, codes, recon, scores) * rest;
                }
            }
        }
        return new Inference(codes, recon, scores, lossSum / rows);
    }

    /** One compiled inference program for a fixed batch size. */
    private static final class Batched implements AutoCloseable {
        private final Session session;
        private final Node x;
        private final Node code;
        private final Node recon;
        private final Node score;
        private final Node loss;
        private final float[] codeBuf;
        private final float[] reconBuf;
        private final float[] scoreBuf;

        Batched(Autoencoder model, Backend backend, int batch) {
            ModelGraph g = ModelGraph.inference(model.spec(), model.inputDim(), batch);
            Program p = g.inferenceProgram();
            List<Node> outs = p.outputs();
            this.code = outs.get(0);
            this.recon = outs.get(1);
            this.score = outs.get(2);
            this.loss = outs.get(3);
            this.x = g.input();
            this.session = backend.open(p);
            for (Node param : p.parameters()) {
                session.setParameter(param, model.parameter(param.name()));
            }
            this.codeBuf = new float[code.shape().size()];
            this.reconBuf = new float[recon.shape().size()];
            this.scoreBuf = new float[batch];
        }

        double run(float[] values, int startRow, int rows, float[] codes, float[] recons, float[] scores) {
            int d = x.shape().dim(1);
            int k = code.shape().dim(1);
            session.setInput(x, values, startRow * d);
            session.run();
            session.getOutput(code, codeBuf);
            session.getOutput(recon, reconBuf);
            session.getOutput(score, scoreBuf);
            System.arraycopy(codeBuf, 0, codes, startRow * k, rows * k);
            System.arraycopy(reconBuf, 0, recons, startRow * d, rows * d);
            System.arraycopy(scoreBuf, 0, scores, startRow, rows);
            return session.scalarOutput(loss);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
