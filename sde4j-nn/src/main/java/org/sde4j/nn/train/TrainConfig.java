package org.sde4j.nn.train;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What to train and how: architecture, widths, blocks per stage, epochs, batch size, seed, and the recipe
 * (SGD with Nesterov momentum, weight decay, one-cycle learning rate peaking at {@code maxLr}, random crop
 * with {@code pad} pixels of zero padding and horizontal flips).
 *
 * @param arch        architecture name ({@link Models#NAMES})
 * @param widths      widths per stage
 * @param blocks      residual blocks per stage
 * @param epochs      epochs of the whole run (the schedule spans them)
 * @param batch       mini-batch size
 * @param seed        root seed of initialisation, shuffling and augmentation
 * @param maxLr       one-cycle peak learning rate
 * @param weightDecay L2 weight decay
 * @param pad         crop padding (0: no crop)
 * @param flip        random horizontal flips
 * @param checkpoint  where to save a checkpoint after every epoch, or null
 * @param resume      whether to resume from {@code checkpoint} when it exists
 * @param stopAfter   stop after this many epochs in this invocation (as if interrupted); {@code epochs} to run
 *                    to the end
 */
public record TrainConfig(String arch, int[] widths, int blocks, int epochs, int batch, long seed, double maxLr,
        double weightDecay, int pad, boolean flip, Path checkpoint, boolean resume, int stopAfter) {
    /** Validates the values. */
    public TrainConfig {
        if (!Models.NAMES.contains(arch)) {
            throw new IllegalArgumentException("arch = " + arch + ": must be one of " + Models.NAMES);
        }
        widths = widths.clone();
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ": must be at least 1");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + ": must be at least 1");
        }
        if (!(maxLr > 0)) {
            throw new IllegalArgumentException("lr = " + maxLr + ": must be positive");
        }
        if (stopAfter < 1) {
            throw new IllegalArgumentException("stopAfter = " + stopAfter + ": must be at least 1");
        }
    }

    /** The recipe of {@code torch_fmnist.py}: batch 128, Nesterov 0.9, decay 5e-4, one-cycle 0.1, crop pad 2 + flip. */
    public static TrainConfig recipe(String arch, int[] widths, int blocks, int epochs, long seed) {
        return new TrainConfig(arch, widths, blocks, epochs, 128, seed, 0.1, 5e-4, 2, true, null, false, epochs);
    }

    /** A copy with checkpointing. */
    public TrainConfig withCheckpoint(Path file, boolean resumeFromIt, int stopAfterEpochs) {
        return new TrainConfig(arch, widths, blocks, epochs, batch, seed, maxLr, weightDecay, pad, flip, file,
                resumeFromIt, stopAfterEpochs);
    }

    /** A copy with another batch size. */
    public TrainConfig withBatch(int size) {
        return new TrainConfig(arch, widths, blocks, epochs, size, seed, maxLr, weightDecay, pad, flip, checkpoint,
                resume, stopAfter);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** What a checkpoint must match to be resumed by this configuration. */
    String fingerprint(int trainSize) {
        return "arch=" + arch + " widths=" + Arrays.toString(widths) + " blocks=" + blocks + " epochs=" + epochs
                + " batch=" + batch + " seed=" + seed + " lr=" + maxLr + " wd=" + weightDecay + " pad=" + pad
                + " flip=" + flip + " train=" + trainSize;
    }
}
