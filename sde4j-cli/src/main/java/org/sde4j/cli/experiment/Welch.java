package org.sde4j.cli.experiment;

/**
 * Welch's unequal-variance t-test of two samples' means (Welch 1947):
 *
 * <pre>    t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂),    ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))</pre>
 *
 * <p>with the two-sided p-value {@code P(|T_ν| ≥ |t|) = I_{ν/(ν + t²)}(ν/2, ½)}, I the regularised incomplete beta
 * function, evaluated by its continued fraction (modified Lentz; Abramowitz &amp; Stegun 26.5.8).
 *
 * @param t  the statistic
 * @param df the Welch–Satterthwaite degrees of freedom ν
 * @param p  the two-sided p-value
 */
public record Welch(double t, double df, double p) {
    /**
     * The test of {@code a} against {@code b}.
     *
     * @throws IllegalArgumentException when a sample has fewer than 2 values, or both have zero variance
     */
    public static Welch test(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("samples of " + a.length + " and " + b.length + ": need at least 2 each");
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        if (!(va + vb > 0)) {
            throw new IllegalArgumentException("both samples have zero variance: no t statistic");
        }
        double t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new Welch(t, df, regularisedBeta(df / (df + t * t), df / 2, 0.5));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    /** I_x(a, b), by the continued fraction on the side where it converges fast. */
    static double regularisedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * fraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnFront) * fraction(1 - x, b, a) / b;
    }

    /** The continued fraction of I_x(a, b) (A&amp;S 26.5.8), by the modified Lentz method. */
    private static double fraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double f = d;
        for (int m = 1; m <= 10_000; m++) {
            for (int half = 0; half < 2; half++) {
                double coefficient = half == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                        : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                d = 1 + coefficient * d;
                d = 1 / (Math.abs(d) < tiny ? tiny : d);
                c = 1 + coefficient / c;
                c = Math.abs(c) < tiny ? tiny : c;
                f *= c * d;
                if (half == 1 && Math.abs(c * d - 1) < 1e-15) {
                    return f;
                }
            }
        }
        return f;
    }

    /** ln Γ(x), x &gt; 0, by the Lanczos approximation (g = 7, 9 terms), relative error below 1e-14. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double y = x - 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) {
            s += c[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
