package org.sde4j.ensemble;

import java.io.Serializable;
import org.sde4j.sde.Require;

/**
 * A fixed-bin histogram of one component of the state: {@code bins} equal bins on {@code [low, high)},
 * plus counts below and above. Counts are integers, so merging chunk histograms is exact and
 * bit-reproducible in any order; memory is O(bins) whatever the number of paths. Quantiles are read off
 * by linear interpolation inside a bin (error at most one bin width). Not thread-safe.
 */
public final class Histogram implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double low;
    private final double high;
    private final long[] counts;
    private long below;
    private long above;

    /**
     * @throws IllegalArgumentException when {@code low >= high}, either is not finite, or {@code bins <= 0}
     */
    public Histogram(double low, double high, int bins) {
        Require.finite("low", low);
        Require.finite("high", high);
        if (!(high > low)) {
            throw new IllegalArgumentException("high = " + high + ": must be greater than low = " + low);
        }
        this.low = low;
        this.high = high;
        Require.memory("bins = " + bins + ": the histogram", Require.bytesOf(Require.positive("bins", bins), 8, 1));
        this.counts = new long[bins];
    }

    /** The number of bins on {@code [low, high)}. */
    public int bins() {
        return counts.length;
    }

    /** Adds one value. */
    public void add(double x) {
        if (x < low) {
            below++;
        } else if (x >= high) {
            above++;
        } else {
            int bin = (int) ((x - low) / (high - low) * counts.length);
            counts[Math.min(bin, counts.length - 1)]++;
        }
    }

    /**
     * Adds the counts of {@code other} (same range and bins).
     *
     * @throws IllegalArgumentException when the layouts differ
     */
    public void merge(Histogram other) {
        if (other.low != low || other.high != high || other.counts.length != counts.length) {
            throw new IllegalArgumentException("other histogram covers [" + other.low + ", " + other.high + ") in "
                    + other.counts.length + " bins: must match [" + low + ", " + high + ") in " + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        below += other.below;
        above += other.above;
    }

    /** An empty histogram with the same layout. */
    public Histogram emptyLike() {
        return new Histogram(low, high, counts.length);
    }

    /** The counts per bin (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** Values below {@code low}. */
    public long below() {
        return below;
    }

    /** Values at or above {@code high}. */
    public long above() {
        return above;
    }

    /** All values added. */
    public long total() {
        long n = below + above;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The lower edge of bin i. */
    public double edge(int i) {
        return low + (high - low) * i / counts.length;
    }

    /**
     * The q-quantile, interpolated linearly inside its bin.
     *
     * @param q in (0, 1)
     * @throws IllegalArgumentException when q is outside (0, 1)
     * @throws IllegalStateException    when the quantile lies below {@code low} or above {@code high}
     */
    public double quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q = " + q + ": must lie in (0, 1)");
        }
        double target = q * total();
        if (target <= below) {
            throw new IllegalStateException("the " + q + "-quantile lies below the histogram's range [" + low + ", "
                    + high + "): widen it");
        }
        double seen = below;
        for (int i = 0; i < counts.length; i++) {
            if (seen + counts[i] >= target) {
                double fraction = counts[i] == 0 ? 0 : (target - seen) / counts[i];
                return edge(i) + fraction * (high - low) / counts.length;
            }
            seen += counts[i];
        }
        throw new IllegalStateException("the " + q + "-quantile lies above the histogram's range [" + low + ", "
                + high + "): widen it");
    }
}
