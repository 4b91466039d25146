package org.sde4j.ensemble;

import java.io.Serializable;

/**
 * What one chunk of an ensemble computes: per saved time the statistics of its paths' states, and the histogram
 * of the chosen component (null when none is kept); with {@link Ensemble#keepFinalStates} the final states of
 * its paths, path-major ({@code count × d}), else null. Serialisable, so that a shard carries it as it is:
 * {@code 4d} doubles and a count per saved time (plus {@code d²} with the covariance).
 */
record EnsembleChunk(RunningStatistics[] statistics, Histogram[] histograms, double[] finalStates)
        implements Serializable {
}
