package org.sde4j.models.math;

/**
 * The log-gamma function, the regularised incomplete gamma functions and the normal distribution function.
 *
 * <ul>
 * <li>{@link #logGamma}: Lanczos' (1964) approximation with g = 7 and nine coefficients (Godfrey's set), with the
 *     reflection formula below ½; relative accuracy about 1e−15.</li>
 * <li>{@link #regularizedGammaP}, {@link #regularizedGammaQ}: P(a, x) = γ(a, x)/Γ(a) by its power series when
 *     x &lt; a + 1, Q = 1 − P by Legendre's continued fraction (modified Lentz) otherwise (Press et al. 2007,
 *     §6.2).</li>
 * <li>{@link #normalCdf}: Φ(x) = ½ erfc(−x/√2), with erfc(z) = Q(½, z²) for z ≥ 0, so that both tails keep
 *     their relative accuracy.</li>
 * </ul>
 */
public final class SpecialFunctions {
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double EPS = 1e-16;
    private static final int MAX_ITERATIONS = 100_000;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("x = " + x + ": logGamma needs x > 0");
        }
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double s = LANCZOS[0];
        for (int k = 1; k < LANCZOS.length; k++) {
            s += LANCZOS[k] / (z + k);
        }
        double t = z + 7.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
    }

    /** P(a, x) = γ(a, x)/Γ(a), a &gt; 0, x ≥ 0. */
    public static double regularizedGammaP(double a, double x) {
        check(a, x);
        if (x == 0) {
            return 0;
        }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
    }

    /** Q(a, x) = 1 − P(a, x), a &gt; 0, x ≥ 0. */
    public static double regularizedGammaQ(double a, double x) {
        check(a, x);
        if (x == 0) {
            return 1;
        }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
    }

    /** Φ(x), the standard normal distribution function. */
    public static double normalCdf(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? 1 : 0;
        }
        double q = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
        return x < 0 ? q : 1 - q;
    }

    private static void check(double a, double x) {
        if (!(a > 0)) {
            throw new IllegalArgumentException("a = " + a + ": the incomplete gamma function needs a > 0");
        }
        if (!(x >= 0)) {
            throw new IllegalArgumentException("x = " + x + ": the incomplete gamma function needs x >= 0");
        }
    }

    private static double series(double a, double x) {
        double ap = a;
        double term = 1 / a;
        double sum = term;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
            }
        }
        throw new ArithmeticException("the gamma series did not converge for a = " + a + ", x = " + x);
    }

    private static double continuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
            }
        }
        throw new ArithmeticException("the gamma continued fraction did not converge for a = " + a + ", x = " + x);
    }
}
