package org.sde4j.models.mc;

import org.sde4j.ensemble.RunningStatistics;

/**
 * The result of a {@link PathAverageJob}: per value, the sample mean over the paths, its standard error
 * {@code s/√n}, and the wall time of the run.
 */
public final class PathAverages {
    private final String[] names;
    private final RunningStatistics stats;
    private final double seconds;

    PathAverages(String[] names, RunningStatistics stats, double seconds) {
        this.names = names.clone();
        this.stats = stats;
        this.seconds = seconds;
    }

    /** The number of paths averaged. */
    public long paths() {
        return stats.count();
    }

    /** The mean of value {@code i}. */
    public double mean(int i) {
        return stats.mean()[i];
    }

    /** The standard error of the mean of value {@code i}. */
    public double standardError(int i) {
        return stats.standardError()[i];
    }

    /** The sample variance of value {@code i}. */
    public double variance(int i) {
        return stats.variance()[i];
    }

    /** The means, one per value. */
    public double[] means() {
        return stats.mean();
    }

    /** The statistics themselves (mean, variance, min, max per value). */
    public RunningStatistics statistics() {
        return stats;
    }

    /** The names of the values. */
    public String[] names() {
        return names.clone();
    }

    /** Wall time of the run, seconds. */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PathAverages[" + paths() + " paths");
        for (int i = 0; i < names.length; i++) {
            b.append(String.format(java.util.Locale.ROOT, ", %s = %.6g ± %.2g", names[i], mean(i), standardError(i)));
        }
        return b.append(']').toString();
    }
}
