package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --out} with checkpoints, {@code --resume} and {@code --init}. */
class TrainCheckpointTest {
    @TempDir
    Path dir;

    /** 512 rows in batches of 128: 4 steps an epoch. */
    private static String[] train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--limit", "512", "--no-progress", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** A listener that kills the run (as a crash would) when it reaches a step. */
    private static TrainingListener crashAtStep(int globalStep) {
        return new TrainingListener() {
            int steps;

            @Override
            public void onBatch(int epoch, int batch, int batchesPerEpoch, int rowsDone, double loss) {
                if (++steps == globalStep) {
                    throw new UncheckedIOException(new java.io.IOException("simulated crash at step " + steps));
                }
            }
        };
    }

    private static void assertSameParameters(Path a, Path b) throws Exception {
        Autoencoder x = new OnnxModelFiles().load(a).model();
        Autoencoder y = new OnnxModelFiles().load(b).model();
        assertEquals(x.parameterNames(), y.parameterNames());
        for (String p : x.parameterNames()) {
            float[] u = x.parameter(p);
            float[] v = y.parameter(p);
            for (int i = 0; i < u.length; i++) {
                assertEquals(Float.floatToRawIntBits(u[i]), Float.floatToRawIntBits(v[i]), p + "[" + i + "]");
            }
        }
    }

    @Test
    void resumingAfterACrashMidEpochGivesTheParametersOfAnUninterruptedRun() throws Exception {
        Path whole = dir.resolve("whole.onnx");
        Cli.Run w = Cli.run(train(whole, "--epochs", "3", "--corruption", "masking:level=0.2"));
        assertEquals(0, w.code(), w::toString);

        Path m = dir.resolve("m.onnx");
        Cli.Run crashed = Cli.run(new OnnxModelFiles(), List.of(crashAtStep(8)),
                train(m, "--epochs", "3", "--corruption", "masking:level=0.2", "--checkpoint-every", "3"));
        assertEquals(2, crashed.code(), crashed::toString);
        assertTrue(crashed.errorLines().get(0).contains("simulated crash at step 8"), crashed::toString);
        assertFalse(Files.exists(m), "no model from a crashed run");
        assertTrue(Files.exists(dir.resolve("m.onnx.ckpt")), "the checkpoint of step 6");

        Cli.Run resumed = Cli.run(train(m, "--epochs", "3", "--corruption", "masking:level=0.2", "--checkpoint-every",
                "3", "--resume"));
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("resuming from " + m + ".ckpt: 1 epochs and 2 steps done (step 6 in all)"),
                resumed::toString);
        assertTrue(resumed.out().contains("done: 3 epochs"), resumed::toString);
        assertSameParameters(whole, m);
    }

    @Test
    void aFinishedRunResumedWithMoreEpochsEqualsALongerRun() throws Exception {
        Path whole = dir.resolve("whole.onnx");
        assertEquals(0, Cli.run(train(whole, "--epochs", "2")).code());
        Path m = dir.resolve("m.onnx");
        Cli.Run first = Cli.run(train(m, "--epochs", "1", "--checkpoint"));
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("checkpoint: " + m + ".ckpt"), first::toString);
        Cli.Run more = Cli.run(train(m, "--epochs", "2", "--resume"));
        assertEquals(0, more.code(), more::toString);
        assertEquals(1, more.epochLosses(more.out()).size(), "only epoch 2 is trained: " + more);
        assertSameParameters(whole, m);
        String history = new OnnxModelFiles().load(m).metadata().get(ModelFiles.HISTORY);
        assertEquals(2, EvalOutput.json().readTree(history).size(), "the stored history has both epochs");
    }

    @Test
    void resumingWithOtherOptionsExitsTwoNamingTheDifference() throws Exception {
        Path m = dir.resolve("m.onnx");
        assertEquals(0, Cli.run(train(m, "--epochs", "1", "--checkpoint")).code());
        Cli.Run r = Cli.run(train(m, "--epochs", "2", "--resume", "--batch", "64"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errorLines().size(), r::toString);
        assertTrue(r.errorLines().get(0).contains("batchSize (checkpoint 128, config 64)"), r::toString);
    }

    @Test
    void resumingWithoutACheckpointExitsTwoWithOneLine() {
        Path m = dir.resolve("m.onnx");
        Cli.Run r = Cli.run(train(m, "--epochs", "2", "--resume"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: checkpoint " + m + ".ckpt: no such file"), r.errorLines());
    }

    @Test
    void checkpointsNeedAModelFile() {
        Cli.Run r = Cli.run("train", "--limit", "512", "--epochs", "1", "--checkpoint-every", "2");
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --checkpoint-every: needs --out FILE (the checkpoint is FILE.ckpt, beside "
                + "the model)"), r.errorLines());
        assertTrue(r.epochLosses(r.out()).isEmpty(), "failed before training");
    }

    @Test
    void initStartsFromTheSavedModelAndKeepsItsArchitecture() throws Exception {
        Path first = dir.resolve("first.onnx");
        Cli.Run a = Cli.run(train(first, "--epochs", "2", "--layers", "32", "--activation", "tanh",
                "--normalization", "min-max"));
        assertEquals(0, a.code(), a::toString);
        Path second = dir.resolve("second.onnx");
        Cli.Run b = Cli.run(train(second, "--epochs", "1", "--init", first.toString()));
        assertEquals(0, b.code(), b::toString);
        assertTrue(b.out().startsWith("config (command line > " + first + " > defaults):"), b::toString);
        assertTrue(b.out().contains("  layers:\n  - 32\n"), b::toString);
        assertTrue(b.out().contains("  activation: tanh\n"), b::toString);
        assertTrue(b.out().contains("  normalization: min-max\n"), b::toString);
        double lastOfFirst = a.epochLosses(a.out()).get(1);
        double firstOfSecond = b.epochLosses(b.out()).get(0);
        double freshFirst = a.epochLosses(a.out()).get(0);
        assertTrue(firstOfSecond < freshFirst && firstOfSecond < lastOfFirst * 1.1,
                "continues where the first run ended: " + a.epochLosses(a.out()) + " then " + firstOfSecond);
    }

    @Test
    void initWithAnotherArchitectureExitsTwoWithOneLine() throws Exception {
        Path first = dir.resolve("first.onnx");
        assertEquals(0, Cli.run(train(first, "--epochs", "1", "--layers", "32")).code());
        Cli.Run r = Cli.run("train", "--limit", "512", "--epochs", "1", "--init", first.toString(), "--layers", "16");
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --init: " + first + " has the encoder dense:units=32,activations=sigmoid, "
                + "but the options ask for dense:units=16,activations=sigmoid (leave out the architecture options to "
                + "keep the model's)"), r.errorLines());
    }

    @Test
    void trainingOnOnnxRuntimeSavesAModelTheCpuBackendScores() {
        Path m = dir.resolve("ort.onnx");
        Cli.Run t = Cli.run(train(m, "--epochs", "1", "--backend", "onnxruntime"));
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains("backend: onnxruntime"), t::toString);
        Cli.Run s = Cli.run("score", "--model", m.toString(), "--limit", "10");
        assertEquals(0, s.code(), s::toString);
        assertEquals(11, s.out().lines().count(), s::toString);
    }

    @Test
    void aThresholdPercentileOutOfRangeExitsTwoBeforeTraining() {
        Cli.Run r = Cli.run(train(dir.resolve("m.onnx"), "--epochs", "1", "--threshold-percentile", "120"));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --threshold-percentile: expected 0 < p <= 100, got 120"), r.errorLines());
        assertTrue(r.epochLosses(r.out()).isEmpty(), r::toString);
    }

    @Test
    void initAndResumeTogetherExitTwo() {
        Path m = dir.resolve("m.onnx");
        Cli.Run r = Cli.run(train(m, "--epochs", "1", "--resume", "--init", m.toString()));
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("ae4j: error: --init: not with --resume (the checkpoint holds the model)"), r.errorLines());
    }
}
