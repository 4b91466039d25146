package org.sde4j.fit;

import java.util.Arrays;

/**
 * An observed series {@code (t_i, x_i)}, i = 0, …, n − 1, with strictly increasing finite times and finite
 * values: the data an SDE is fitted to.
 */
public final class TimeSeries {
    private final String name;
    private final double[] times;
    private final double[] values;

    /**
     * @throws IllegalArgumentException when the lengths differ, there are fewer than 3 points, a value is not
     *                                  finite or the times do not increase strictly (naming the index)
     */
    public TimeSeries(String name, double[] times, double[] values) {
        this.name = name == null ? "series" : name;
        if (times.length != values.length) {
            throw new IllegalArgumentException("times: length " + times.length + ", values: length " + values.length
                    + "; must be equal");
        }
        if (times.length < 3) {
            throw new IllegalArgumentException("series '" + this.name + "': " + times.length
                    + " points; at least 3 are needed");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("point " + i + ": (t, x) = (" + times[i] + ", " + values[i]
                        + "); both must be finite");
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("point " + i + ": t = " + times[i] + " after t = " + times[i - 1]
                        + "; times must increase strictly");
            }
        }
        this.times = times.clone();
        this.values = values.clone();
    }

    /** The series' name (a column name, or "synthetic"). */
    public String name() {
        return name;
    }

    /** The number of points n. */
    public int size() {
        return times.length;
    }

    /** {@code t_i}. */
    public double time(int i) {
        return times[i];
    }

    /** {@code x_i}. */
    public double value(int i) {
        return values[i];
    }

    /** Points {@code from} (inclusive) to {@code to} (exclusive) as a new series. */
    public TimeSeries slice(int from, int to) {
        return new TimeSeries(name, Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to));
    }
}
