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

    /**
     * Checks, before a large allocation, that {@code bytes} more bytes fit in this JVM's heap: the heap
     * limit ({@link Runtime#maxMemory()}) minus what is in use now. The estimate is the caller's (arrays
     * of doubles at 8 bytes each, without headers), so the check catches sizes that cannot fit, not every
     * allocation that might fail.
     *
     * @param what what needs the memory and why, e.g. {@code "steps = 2000000000: the time grid (2000000001 times)"}
     * @param bytes the bytes needed; a negative value (an overflowed product) counts as too many
     * @throws IllegalArgumentException naming {@code what}, the memory needed and the memory available
     */
    public static void memory(String what, long bytes) {
        Runtime runtime = Runtime.getRuntime();
        long inUse = runtime.totalMemory() - runtime.freeMemory();
        long available = runtime.maxMemory() - inUse;
        if (bytes < 0 || bytes > available) {
            throw new IllegalArgumentException(what + " needs " + (bytes < 0 ? "more than 8 EB" : bytes(bytes))
                    + " of memory; this JVM has " + bytes(available) + " available (heap limit "
                    + bytes(runtime.maxMemory()) + ", raise it with -Xmx, or ask for fewer steps, paths or saved times)");
        }
    }

    /**
     * {@code a × b × c}, or −1 when the product overflows a long (so that {@link #memory} refuses it).
     */
    public static long bytesOf(long a, long b, long c) {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), c);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
        }
        return n + " bytes";
    }
}
