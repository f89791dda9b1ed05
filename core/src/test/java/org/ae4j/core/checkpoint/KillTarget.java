package org.ae4j.core.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingListener;
import org.ae4j.core.train.TrainingPlan;

/**
 * A process for {@link CheckpointKillTest} to kill: trains (resuming from the checkpoint when there is one)
 * with a checkpoint written after every step, practically forever. Prints {@code training} when it starts.
 */
public final class KillTarget {
    private KillTarget() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        AutoencoderSpec spec = Fixtures.maskedSpec();
        Dataset data = Fixtures.lowRank(60, 6, 1);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(16).withEpochs(1_000_000);
        Trainer trainer = new Trainer(new ReferenceBackend()).withCheckpoints(CheckpointPolicy.everySteps(file, 1));
        TrainingListener ready = new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                System.out.println("training");
                System.out.flush();
            }
        };
        if (Files.exists(file)) {
            trainer.resume(spec, file, data, config, ready);
        } else {
            trainer.fit(spec, data, config, ready);
        }
    }
}
