package org.sde4j.ensemble;

import java.io.Serializable;

/**
 * What an {@link AdaptiveEnsemble} returns: the statistics at the saved times, as an {@link EnsembleResult}, and
 * the {@link StepCounts step counts}.
 *
 * @param statistics the statistics (and final states when kept) at the saved times
 * @param steps      accepted and rejected steps per path, and the smallest step
 */
public record AdaptiveEnsembleResult(EnsembleResult statistics, StepCounts steps) implements Serializable {
    /** The mean state at the last saved time. */
    public double[] mean() {
        return statistics.mean();
    }

    /** The wall time of the run in seconds. */
    public double seconds() {
        return statistics.seconds();
    }
}
