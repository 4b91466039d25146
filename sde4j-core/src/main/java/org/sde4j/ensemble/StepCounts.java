package org.sde4j.ensemble;

import java.io.Serializable;
import java.util.Locale;

/**
 * The steps an adaptive ensemble took: accepted and rejected steps per path (mean and max) and the smallest step
 * accepted on any path.
 *
 * @param paths        the number of paths counted
 * @param accepted     accepted steps, summed over paths
 * @param rejected     rejected steps, summed over paths
 * @param maxAccepted  the most accepted steps of one path
 * @param maxRejected  the most rejected steps of one path
 * @param smallestStep the smallest accepted step
 */
public record StepCounts(long paths, long accepted, long rejected, int maxAccepted, int maxRejected,
        double smallestStep) implements Serializable {
    /** Accepted steps per path, on average. */
    public double meanAccepted() {
        return (double) accepted / paths;
    }

    /** Rejected steps per path, on average. */
    public double meanRejected() {
        return (double) rejected / paths;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accepted per path: mean %.2f, max %d; rejected per path: mean %.2f, max %d;"
                + " smallest step %.3g", meanAccepted(), maxAccepted, meanRejected(), maxRejected, smallestStep);
    }
}
