package org.ae4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.optim.Sgd;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Regularizer;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private final Trainer trainer = new Trainer(new ReferenceBackend());
    private final Dataset data = TestData.lowRank(60, 6, 1);
    private final TrainingConfig config = TrainingConfig.defaults().withBatchSize(16).withEpochs(15);

    @Test
    void lossFallsOverEpochs() {
        TrainingResult r = trainer.fit(TestData.spec(), data, config);
        assertEquals(15, r.history().size());
        assertTrue(r.last().loss() < 0.5 * r.history().get(0).loss(),
                "first " + r.history().get(0).loss() + " last " + r.last().loss());
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Autoencoder a = trainer.fit(TestData.spec(), data, config.withEpochs(2)).model();
        Autoencoder b = trainer.fit(TestData.spec(), data, config.withEpochs(2)).model();
        for (String name : a.parameterNames()) {
            assertArrayEquals(a.parameter(name), b.parameter(name), name);
        }
    }

    @Test
    void lastPartialBatchIsTrainedOnUnlessDropped() {
        List<Integer> rows = new ArrayList<>();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int rowsDone, double loss) {
                rows.add(rowsDone);
            }
        };
        trainer.fit(TestData.spec(), data, config.withEpochs(1), counter);
        assertEquals(List.of(16, 32, 48, 60), rows);
        rows.clear();
        trainer.fit(TestData.spec(), data, config.withEpochs(1).withDropLast(true), counter);
        assertEquals(List.of(16, 32, 48), rows);
    }

    @Test
    void validationSplitReportsLossAndEarlyStoppingStops() {
        TrainingConfig c = config.withEpochs(200).withValidation(0.25, 2, 0.05);
        TrainingResult r = trainer.fit(TestData.spec(), data, c);
        assertTrue(r.last().hasValidation());
        assertTrue(r.stoppedEarly(), "expected early stop within 200 epochs");
        assertTrue(r.history().size() < 200);
        assertTrue(r.bestEpoch() <= r.history().size());
    }

    @Test
    void divergingLossStopsNamingEpochAndStepAndKeepsFiniteParameters() {
        AutoencoderSpec wild = TestData.spec(3, Activation.IDENTITY, Activation.IDENTITY, new Sgd(1e6, 0));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(wild, data, config));
        assertTrue(e.getMessage().contains("at epoch " + e.epoch() + ", step " + e.step()), e.getMessage());
        for (String name : e.lastGood().parameterNames()) {
            for (float v : e.lastGood().parameter(name)) {
                assertTrue(Float.isFinite(v), name);
            }
        }
    }

    @Test
    void dataOfTheWrongWidthIsRejected() {
        Autoencoder m = Autoencoder.initialize(TestData.spec(), 6, 1);
        Dataset other = TestData.lowRank(10, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(m, other, config));
        assertEquals("model expects rows of 6 features, but generated has 5 columns", e.getMessage());
    }

    @Test
    void pluginFromTestSourcesTrainsAndShrinksTheCodes() {
        Regularizer r = new PluginRegistry().create(PluginKind.REGULARIZER, Regularizer.class,
                "test-code-l2:lambda=5").instance();
        assertFalse(r == null);
        AutoencoderSpec plain = TestData.spec();
        AutoencoderSpec penalised = plain.withRegularizer(new PluginRegistry().create(PluginKind.REGULARIZER,
                Regularizer.class, "test-code-l2:lambda=5"));
        TrainingResult a = trainer.fit(plain, data, config);
        TrainingResult b = trainer.fit(penalised, data, config);
        assertTrue(b.last().penalties().containsKey("test-code-l2"));
        double codesA = sumOfSquares(a.model().encode(trainer.backend(), data));
        double codesB = sumOfSquares(b.model().encode(trainer.backend(), data));
        assertTrue(codesB < 0.5 * codesA, "plain " + codesA + " penalised " + codesB);
    }

    private static double sumOfSquares(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return s;
    }
}
