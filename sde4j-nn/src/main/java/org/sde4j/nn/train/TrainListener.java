package org.sde4j.nn.train;

/** Receives progress from the {@link Trainer}; the default methods ignore it. */
public interface TrainListener {
    /**
     * After each mini-batch.
     *
     * @param epoch           the epoch, from 1
     * @param batch           batches done in this epoch
     * @param batches         batches per epoch
     * @param loss            the running mean training loss of this epoch
     * @param accuracy        the running training accuracy of this epoch
     * @param imagesPerSecond training throughput of this epoch so far
     */
    default void batch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
    }

    /** After each epoch's evaluation. */
    default void epoch(EpochReport report) {
    }

    /** Training loss and accuracy, test accuracy and training time (evaluation excluded) of one epoch. */
    record EpochReport(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double trainSeconds,
            double imagesPerSecond) {
    }
}
