package org.ae4j.core.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * When a training run writes its checkpoint, and where. A checkpoint is also written when the run ends, so a
 * finished run can be extended with more epochs.
 *
 * @param path the checkpoint file (replaced atomically each time)
 * @param everySteps write after every this many steps, counted over the whole run (0: not by steps)
 * @param everyEpoch write after every epoch
 */
public record CheckpointPolicy(Path path, int everySteps, boolean everyEpoch) {
    /** The usual file name beside a model file: {@code model.onnx} → {@code model.onnx.ckpt}. */
    public static final String SUFFIX = ".ckpt";

    public CheckpointPolicy {
        Objects.requireNonNull(path, "path");
        if (everySteps < 0) {
            throw new IllegalArgumentException("everySteps: expected >= 0, got " + everySteps);
        }
    }

    /** A checkpoint after every epoch. */
    public static CheckpointPolicy everyEpoch(Path path) {
        return new CheckpointPolicy(path, 0, true);
    }

    /** A checkpoint after every n steps. */
    public static CheckpointPolicy everySteps(Path path, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("everySteps: expected >= 1, got " + n);
        }
        return new CheckpointPolicy(path, n, false);
    }

    /** The checkpoint file beside a model file. */
    public static Path besideModel(Path model) {
        return model.resolveSibling(model.getFileName() + SUFFIX);
    }

    /** True when a checkpoint is due after this global step (1-based). */
    public boolean dueAfterStep(long globalStep) {
        return everySteps > 0 && globalStep % everySteps == 0;
    }
}
