package org.sde4j.nn.train;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param arch            architecture
 * @param params          trainable scalars
 * @param epochs          epochs trained in total (including those of a resumed checkpoint)
 * @param trainSeconds    training time of the epochs run in this invocation, evaluation excluded
 * @param imagesPerSecond training images per second over those epochs
 * @param testAccuracy    test accuracy after the last epoch
 * @param seed            root seed
 * @param history         one report per epoch run in this invocation
 */
public record TrainResult(String arch, long params, int epochs, double trainSeconds, double imagesPerSecond,
        double testAccuracy, long seed, List<TrainListener.EpochReport> history) {
}
