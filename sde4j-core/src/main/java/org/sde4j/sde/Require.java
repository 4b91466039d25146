package org.sde4j.sde;

import java.util.Arrays;

/**
 * Argument checks shared by every package. Each throws an {@link IllegalArgumentException} whose
 * message names the parameter, the value received and what is allowed, for example
 * {@code "steps = 0: must be a positive integer"}.
 */
public final class Require {
    private Require() {
    }

    /** @return {@code value}, after checking it is at least 1 */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " = " + value + ": must be a positive integer");
        }
        return value;
    }

    /** @return {@code value}, after checking it is at least 1 */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " = " + value + ": must be a positive integer");
        }
        return value;
    }

    /** @return {@code value}, after checking it is finite and strictly positive */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be finite and > 0");
        }
        return value;
    }

    /** @return {@code value}, after checking it is finite */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be finite");
        }
        return value;
    }

    /** @return {@code values}, after checking it is non-null, of the given length and all finite */
    public static double[] finiteVector(String name, double[] values, int expectedLength) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null: must be an array of length " + expectedLength);
        }
        if (values.length != expectedLength) {
            throw new IllegalArgumentException(name + " has length " + values.length
                    + ": must have length " + expectedLength);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i]
                        + ": must be finite (" + name + " = " + Arrays.toString(values) + ")");
            }
        }
        return values;
    }

    /** @return {@code value}, after checking it is not null */
    public static <T> T nonNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null: a value is required");
        }
        return value;
    }

    /** Checks a time span {@code t0 < t1}, both finite. */
    public static void timeSpan(double t0, double t1) {
        finite("t0", t0);
        finite("t1", t1);
        if (!(t1 > t0)) {
            throw new IllegalArgumentException("t1 = " + t1 + ": must be greater than t0 = " + t0);
        }
    }
}
