package org.ae4j.examples.orthogonality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import org.junit.jupiter.api.Test;

class OrthogonalityTrainingTest {
    private static final int CODE = 3;

    private final Trainer trainer = new Trainer(new ReferenceBackend());
    private final Dataset data = Fixtures.lowRank(64, 8, 1);
    private final TrainingConfig config = TrainingConfig.defaults().withBatchSize(16).withEpochs(30).withSeed(3);

    @Test
    void trainingWithThePenaltyMakesTheFirstLayersColumnsNearlyOrthonormalAndStillReconstructs() {
        TrainingResult plain = trainer.fit(Fixtures.plainSpec(CODE), data, config);
        TrainingResult penalised = trainer.fit(Fixtures.withOrthogonality(CODE, "orthogonality:lambda=1"), data, config);

        double defectPlain = defect(plain.model());
        double defectPenalised = defect(penalised.model());
        assertTrue(defectPenalised < 0.3 * defectPlain,
                "||W1^T W1 - I||_F plain " + defectPlain + ", penalised " + defectPenalised);

        assertTrue(penalised.last().penalties().containsKey("orthogonality"));
        double first = penalised.history().get(0).reconstructionLoss();
        double last = penalised.last().reconstructionLoss();
        assertTrue(last < 0.5 * first, "reconstruction loss first epoch " + first + ", last " + last);
    }

    /** ‖W₁ᵀW₁ − I‖_F of a trained model's first encoder weight. */
    private static double defect(Autoencoder model) {
        AutoencoderSpec spec = model.spec();
        String name = ModelGraph.inference(spec, model.inputDim(), 1).encoder().layers().get(0).weight().name();
        float[] w = model.parameter(name);
        double[] wd = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            wd[i] = w[i];
        }
        return Math.sqrt(Fixtures.orthogonalityDefect(wd, model.inputDim(), model.codeDim()));
    }
}
