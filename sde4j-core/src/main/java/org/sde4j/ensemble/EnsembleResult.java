package org.sde4j.ensemble;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What an {@link Ensemble} run returns: statistics of the state at each saved time, optionally the
 * final state of every path, and the wall time. Immutable (accessors copy) and serialisable.
 */
public final class EnsembleResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] times;
    private final RunningStatistics[] statistics;
    private final Histogram[] histograms;
    private final double[] finalStates;
    private final int dimension;
    private final double seconds;

    EnsembleResult(double[] times, RunningStatistics[] statistics, Histogram[] histograms, double[] finalStates,
            int dimension, double seconds) {
        this.times = times;
        this.statistics = statistics;
        this.histograms = histograms;
        this.finalStates = finalStates;
        this.dimension = dimension;
        this.seconds = seconds;
    }

    /** The final states, path-major, or null when not kept (not a copy: for shards). */
    double[] finalStatesArray() {
        return finalStates;
    }

    /** The saved times. */
    public double[] times() {
        return times.clone();
    }

    /** The number of paths. */
    public long paths() {
        return statistics[0].count();
    }

    /** Statistics of the state at saved time {@code s} (a copy). */
    public RunningStatistics statisticsAt(int s) {
        RunningStatistics copy = statistics[s].emptyLike();
        copy.merge(statistics[s]);
        return copy;
    }

    /**
     * The histogram kept at saved time {@code s} (a copy).
     *
     * @throws IllegalStateException when the run kept no histogram ({@link Ensemble#histogram})
     */
    public Histogram histogramAt(int s) {
        if (histograms == null) {
            throw new IllegalStateException("no histogram was kept: run with histogram(component, low, high, bins)");
        }
        Histogram copy = histograms[s].emptyLike();
        copy.merge(histograms[s]);
        return copy;
    }

    /** Statistics of the state at the last saved time (t1 unless other save times were chosen). */
    public RunningStatistics finalStatistics() {
        return statisticsAt(statistics.length - 1);
    }

    /** The mean of the state at the last saved time. */
    public double[] mean() {
        return statistics[statistics.length - 1].mean();
    }

    /** The standard deviation of the state at the last saved time. */
    public double[] standardDeviation() {
        return statistics[statistics.length - 1].standardDeviation();
    }

    /** The standard error of the mean at the last saved time. */
    public double[] standardError() {
        return statistics[statistics.length - 1].standardError();
    }

    /**
     * The final state of path i, component j, when the run kept final states.
     *
     * @throws IllegalStateException when final states were not kept
     */
    public double finalState(long path, int component) {
        if (finalStates == null) {
            throw new IllegalStateException("final states were not kept: run with keepFinalStates(true)");
        }
        return finalStates[Math.toIntExact(path * dimension + component)];
    }

    /** All final states, path-major ({@code [path * d + component]}), when kept; a copy. */
    public double[] finalStates() {
        if (finalStates == null) {
            throw new IllegalStateException("final states were not kept: run with keepFinalStates(true)");
        }
        return finalStates.clone();
    }

    /** The wall time of the run, in seconds. */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "EnsembleResult[paths=" + paths() + ", t=" + Arrays.toString(times) + ", final " + finalStatistics()
                + ", " + seconds + " s]";
    }
}
