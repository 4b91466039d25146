package org.sde4j.ensemble;

import java.io.Serializable;

/**
 * What one chunk of an {@link AdaptiveEnsemble} computes: per saved time the statistics of its successful paths,
 * their final states when kept (path-major, {@code count × d}, else null), the step counts of its paths, and its
 * failures: how many paths failed and the first one's exception (null when none failed).
 */
record AdaptiveChunk(RunningStatistics[] statistics, double[] finalStates, long accepted, long rejected,
        int maxAccepted, int maxRejected, double smallestStep, long failures, RuntimeException firstFailure)
        implements Serializable {
}
