package org.sde4j.solver.engine;

/**
 * Base-2 logarithm and power for the step-size controller, in a few multiply–adds: the PI controller's factor
 * {@code 0.9 · e^{−0.7/k} · e_prev^{0.4/k}} needs three digits, not the last bit of {@link Math#log} and
 * {@link Math#exp}, and an adaptive ensemble forms it once per accepted step of every path (DifferentialEquations.jl
 * does the same with its {@code fastpow}). Plain arithmetic, so the same bits on every JVM and processor.
 *
 * <p>{@code log₂ x = e + log₂(1 + u)} with {@code x = (1 + u) 2^e}, u in [0, 1), and {@code 2^y = 2^n · 2^u} with
 * n = ⌊y⌋, u in [0, 1): each {@code log₂(1 + u)} and {@code 2^u} a polynomial fitted by least squares at 2 000
 * Chebyshev nodes of [0, 1] (degree 6 and 5; largest errors 2.2·10⁻⁶ absolute and 1.1·10⁻⁷ relative, checked by
 * {@code ControllerLogarithmsTest}). The polynomials are evaluated by Estrin's scheme (pairs of terms, then powers
 * u², u⁴), not Horner's: the same flops, but a chain of four multiply–add levels instead of six or seven, so the
 * controller of many lanes at once waits less on latency.
 *
 * <p>The array forms ({@link #log2(double[], double[], double[], int)}, {@link #exp2(double[], double[], double[],
 * int)}) give every element the bits of the scalar forms — the same operations on the same values — in passes over
 * the lanes: the bit manipulation in one short scalar loop, the polynomials in loops the JIT turns into vector
 * instructions.
 */
final class ControllerLogarithms {
    private ControllerLogarithms() {
    }

    /** log₂ x for a positive, finite, normal x (the controller's errors, floored at 10⁻¹⁰), within 2.2·10⁻⁶. */
    static double log2(double x) {
        return exponent(x) + log2OnePlus(mantissa(x));
    }

    /**
     * {@code out[q] = log2(x[q])} for q &lt; n, bit for bit.
     *
     * @param scratch n doubles of working space (overwritten)
     */
    static void log2(double[] x, double[] out, double[] scratch, int n) {
        for (int q = 0; q < n; q++) {
            out[q] = exponent(x[q]);
            scratch[q] = mantissa(x[q]);
        }
        for (int q = 0; q < n; q++) {
            out[q] = out[q] + log2OnePlus(scratch[q]);
        }
    }

    /** 2^y for |y| ≤ 1000 (the controller's exponents are tens at most), within a relative 1.1·10⁻⁷. */
    static double exp2(double y) {
        double n = Math.floor(y);
        return exp2Fraction(y - n) * powerOfTwo(n);
    }

    /**
     * {@code out[q] = exp2(y[q])} for q &lt; n, bit for bit.
     *
     * @param scratch n doubles of working space (overwritten)
     */
    static void exp2(double[] y, double[] out, double[] scratch, int n) {
        for (int q = 0; q < n; q++) {
            scratch[q] = Math.floor(y[q]);
        }
        for (int q = 0; q < n; q++) {
            out[q] = exp2Fraction(y[q] - scratch[q]);
        }
        for (int q = 0; q < n; q++) {
            out[q] = out[q] * powerOfTwo(scratch[q]);
        }
    }

    /** e, for x = (1 + u) 2^e. */
    private static double exponent(double x) {
        return (int) ((Double.doubleToRawLongBits(x) >>> 52) & 0x7ff) - 1023;
    }

    /** u in [0, 1), for x = (1 + u) 2^e. */
    private static double mantissa(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L) - 1;
    }

    /** log₂(1 + u) for u in [0, 1): the degree-6 polynomial, by Estrin's scheme. */
    private static double log2OnePlus(double u) {
        double u2 = u * u;
        double low = (2.1237408908343118e-06 + u * 1.442475314822077) + u2 * (-0.7175578724221666
                + u * 0.4555270880611058);
        double high = (-0.2746232576171954 + u * 0.11929823770618653) + u2 * -0.025123203286080444;
        return low + (u2 * u2) * high;
    }

    /** 2^u for u in [0, 1): the degree-5 polynomial, by Estrin's scheme. */
    private static double exp2Fraction(double u) {
        double u2 = u * u;
        return (0.9999998957631354 + u * 0.6931546200032979) + u2 * (0.24014077009184095
                + u * 0.05586328265924358) + (u2 * u2) * (0.008946214666354617 + u * 0.0018951072909903556);
    }

    /** 2^n for an integral n in the normal range. */
    private static double powerOfTwo(double n) {
        return Double.longBitsToDouble((long) (n + 1023) << 52);
    }
}
