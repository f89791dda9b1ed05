package org.ae4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.model.dense.TiedDecoder;
import org.ae4j.core.model.dense.TiedDecoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Activation;
import org.junit.jupiter.api.Test;

class LayerwiseTrainerTest {
    private final Trainer trainer = new Trainer(new ReferenceBackend());
    private final Dataset data = TestData.lowRank(64, 6, 3);
    private final TrainingConfig pretrain = TrainingConfig.defaults().withBatchSize(16).withEpochs(20);
    private final TrainingConfig finetune = TrainingConfig.defaults().withBatchSize(16).withEpochs(1);

    private static AutoencoderSpec stack(boolean tied) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(4, 2), List.of(Activation.SIGMOID));
        Component<?> dec;
        if (tied) {
            TiedDecoderConfig c = new TiedDecoderConfig(Activation.SIGMOID);
            dec = new Component<>("tied", c, new TiedDecoder(c));
        } else {
            DenseDecoderConfig c = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
            dec = new Component<>("dense", c, new DenseDecoder(c));
        }
        @SuppressWarnings("unchecked")
        Component<org.ae4j.core.spi.Decoder> d = (Component<org.ae4j.core.spi.Decoder>) dec;
        return new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)), d, Loss.SQUARED_ERROR,
                List.of(), null, new Adam(0.05, 0.9, 0.999, 1e-8));
    }

    @Test
    void pretrainedStackStartsFineTuningBelowARandomInitialisation() {
        for (boolean tied : new boolean[] {false, true}) {
            double random = trainer.fit(stack(tied), data, finetune).last().loss();
            TrainingResult r = new LayerwiseTrainer(trainer).fit(stack(tied), null, data, pretrain, finetune);
            assertEquals(1, r.history().size());
            assertTrue(r.last().loss() < random, "tied=" + tied + ": pretrained " + r.last().loss() + " random " + random);
        }
    }

    @Test
    void wrongNumberOfStagesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerwiseTrainer(trainer)
                .fit(stack(false), List.of(new LayerwiseTrainer.Stage(List.of(), null)), data, pretrain, finetune));
        assertEquals("layer-wise training: expected 2 stages (one per layer), got 1", e.getMessage());
    }
}
