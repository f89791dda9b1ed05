package org.ae4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingListener;
import org.ae4j.core.train.TrainingResult;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    /** 60 rows, batch 16: three full batches and a tail of 12, so 4 steps per epoch. */
    private static final Dataset DATA = Fixtures.lowRank(60, 6, 1);
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withBatchSize(16).withEpochs(4);
    private static final int STEPS = 16;

    @TempDir
    Path dir;

    /** Thrown by a listener to stop a run the way a crash would. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    /** Crashes in the given global step, after the step ran but before a checkpoint of it could be written. */
    static TrainingListener crashInStep(int globalStep) {
        return new TrainingListener() {
            int n;

            @Override
            public void onBatch(int epoch, int batch, int batchesPerEpoch, int rowsDone, double loss) {
                if (++n == globalStep) {
                    throw new Crash();
                }
            }
        };
    }

    static void assertSameBits(Autoencoder expected, Autoencoder actual, String what) {
        assertTrue(Checkpoint.sameTensors(expected.parameters(), actual.parameters()), what + ": parameters differ");
        assertTrue(Checkpoint.sameTensors(expected.optimizerState(), actual.optimizerState()),
                what + ": optimizer state differs");
    }

    /** The losses of every epoch (timings differ between runs). */
    static List<String> losses(TrainingResult r) {
        return r.history().stream().map(m -> m.epoch() + ":" + m.loss() + "/" + m.reconstructionLoss() + "/"
                + m.penalties() + "/" + m.validationLoss()).collect(Collectors.toList());
    }

    private Trainer trainer(Backend b, Path checkpoint, int everySteps) {
        return new Trainer(b).withCheckpoints(CheckpointPolicy.everySteps(checkpoint, everySteps));
    }

    @Test
    void resumingFromAMidEpochCheckpointEndsBitForBitWhereTheUninterruptedRunEnds() {
        AutoencoderSpec spec = Fixtures.maskedSpec();
        TrainingResult whole = trainer(new ReferenceBackend(), dir.resolve("whole.ckpt"), 3).fit(spec, DATA, CONFIG);
        Path file = dir.resolve("crashed.ckpt");
        assertThrows(Crash.class, () -> trainer(new ReferenceBackend(), file, 3).fit(spec, DATA, CONFIG,
                crashInStep(8)));
        Checkpoint c = CheckpointStore.read(file);
        assertEquals(new Checkpoint.Position(1, 2, 6, false), c.position());
        assertEquals(1, c.history().size());
        assertEquals(32, c.epochSoFar().rows());
        assertNotEquals(new Rng(CONFIG.seed()).split("noise").state(), c.noiseRngState(), "noise was drawn");

        TrainingResult resumed = trainer(new ReferenceBackend(), file, 3).resume(spec, file, DATA, CONFIG);
        assertSameBits(whole.model(), resumed.model(), "resumed at step 6");
        assertEquals(losses(whole), losses(resumed));
        assertEquals(CheckpointStore.read(dir.resolve("whole.ckpt")).noiseRngState(),
                CheckpointStore.read(file).noiseRngState());
    }

    @Test
    void resumingFromEveryStepOfTheRunGivesTheSameModel() {
        AutoencoderSpec spec = Fixtures.maskedSpec();
        TrainingResult whole = trainer(new ReferenceBackend(), dir.resolve("whole.ckpt"), 1).fit(spec, DATA, CONFIG);
        for (int step = 1; step < STEPS; step++) {
            int k = step;
            Path file = dir.resolve("at-" + k + ".ckpt");
            assertThrows(Crash.class, () -> trainer(new ReferenceBackend(), file, 1).fit(spec, DATA, CONFIG,
                    crashInStep(k + 1)));
            assertEquals(k, CheckpointStore.read(file).position().globalStep());
            TrainingResult resumed = trainer(new ReferenceBackend(), file, 1).resume(spec, file, DATA, CONFIG);
            assertSameBits(whole.model(), resumed.model(), "resumed at step " + k);
            assertEquals(losses(whole), losses(resumed), "resumed at step " + k);
        }
    }

    @Test
    void onAFloatBackendCheckpointingAndResumingMatchAPlainRunExactly() {
        AutoencoderSpec spec = Fixtures.maskedSpec();
        Backend floats = new FloatStateBackend();
        TrainingResult plain = new Trainer(floats).fit(spec, DATA, CONFIG);
        Path file = dir.resolve("run.ckpt");
        assertThrows(Crash.class, () -> trainer(floats, file, 5).fit(spec, DATA, CONFIG, crashInStep(7)));
        TrainingResult resumed = new Trainer(new FloatStateBackend()).resume(spec, file, DATA, CONFIG);
        assertSameBits(plain.model(), resumed.model(), "plain vs resumed");
        assertEquals(losses(plain), losses(resumed));
    }

    @Test
    void earlyStoppingStateSurvivesAResume() {
        AutoencoderSpec spec = Fixtures.plainSpec();
        TrainingConfig c = CONFIG.withEpochs(200).withValidation(0.25, 2, 0.05);
        Trainer t = new Trainer(new ReferenceBackend());
        TrainingResult whole = t.withCheckpoints(CheckpointPolicy.everyEpoch(dir.resolve("whole.ckpt")))
                .fit(spec, DATA, c);
        assertTrue(whole.stoppedEarly());
        Path file = dir.resolve("crashed.ckpt");
        int crashEpoch = whole.history().size() - 1;
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                if (m.epoch() == crashEpoch) {
                    throw new Crash();
                }
            }
        };
        assertThrows(Crash.class, () -> t.withCheckpoints(CheckpointPolicy.everyEpoch(file)).fit(spec, DATA, c, crash));
        assertEquals(crashEpoch - 1, CheckpointStore.read(file).position().epochsDone());
        TrainingResult resumed = t.withCheckpoints(CheckpointPolicy.everyEpoch(file)).resume(spec, file, DATA, c);
        assertTrue(resumed.stoppedEarly());
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertEquals(losses(whole), losses(resumed));
        assertSameBits(whole.model(), resumed.model(), "best model");
        assertTrue(CheckpointStore.read(file).position().stoppedEarly());
    }

    @Test
    void finishedRunCanBeExtendedWithMoreEpochs() {
        AutoencoderSpec spec = Fixtures.maskedSpec();
        Trainer t = new Trainer(new ReferenceBackend());
        TrainingResult four = t.withCheckpoints(CheckpointPolicy.everyEpoch(dir.resolve("four.ckpt")))
                .fit(spec, DATA, CONFIG);
        Path file = dir.resolve("two.ckpt");
        t.withCheckpoints(CheckpointPolicy.everyEpoch(file)).fit(spec, DATA, CONFIG.withEpochs(2));
        TrainingResult extended = t.withCheckpoints(CheckpointPolicy.everyEpoch(file)).resume(spec, file, DATA, CONFIG);
        assertSameBits(four.model(), extended.model(), "2 + 2 epochs vs 4");
        assertEquals(losses(four), losses(extended));
        assertEquals(4, CheckpointStore.read(file).position().epochsDone());
    }

    @Test
    void resumeRejectsAnotherModelNamingBoth() {
        Path file = dir.resolve("run.ckpt");
        trainer(new ReferenceBackend(), file, 3).fit(Fixtures.maskedSpec(), DATA, CONFIG.withEpochs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new ReferenceBackend()).resume(Fixtures.plainSpec(), file, DATA, CONFIG));
        assertEquals("checkpoint " + file + ": written for model '" + Fixtures.maskedSpec().describe()
                + "', but the spec is '" + Fixtures.plainSpec().describe() + "'", e.getMessage());
    }

    @Test
    void resumeRejectsAChangedBatchSize() {
        Path file = dir.resolve("run.ckpt");
        trainer(new ReferenceBackend(), file, 3).fit(Fixtures.plainSpec(), DATA, CONFIG.withEpochs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new ReferenceBackend()).resume(Fixtures.plainSpec(), file, DATA,
                        CONFIG.withBatchSize(8)));
        assertEquals("checkpoint " + file + ": the training config differs from the checkpoint's in batchSize "
                + "(checkpoint 16, config 8) (only epochs may change when resuming)", e.getMessage());
    }

    @Test
    void resumeRejectsOtherTrainingData() {
        Path file = dir.resolve("run.ckpt");
        trainer(new ReferenceBackend(), file, 3).fit(Fixtures.plainSpec(), DATA, CONFIG.withEpochs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new ReferenceBackend()).resume(Fixtures.plainSpec(), file,
                        Fixtures.lowRank(60, 6, 2), CONFIG));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + ": written for other training data of the same "
                + "shape"), e.getMessage());
    }

    @Test
    void trainingWithCheckpointsLeavesOnlyTheCheckpointFile() throws IOException {
        trainer(new ReferenceBackend(), dir.resolve("run.ckpt"), 1).fit(Fixtures.plainSpec(), DATA, CONFIG);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("run.ckpt"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        assertEquals(new Checkpoint.Position(4, 0, STEPS, false), CheckpointStore.read(dir.resolve("run.ckpt"))
                .position());
    }
}
