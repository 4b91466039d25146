package org.sde4j.qmc;

/**
 * The two-sided quantile of Student's t with an integer number of degrees of freedom, for the interval of R
 * independent randomisations ({@code mean ± t_{ν, 1−a/2} s/√R}, ν = R − 1).
 *
 * <p>{@code A(t | ν) = P(|T| ≤ t)} in closed form (Abramowitz &amp; Stegun 26.7.3–4), with θ = atan(t/√ν):
 * for odd ν, {@code (2/π)(θ + sin θ (cos θ + (2/3) cos³θ + … + (2·4⋯(ν−3))/(1·3⋯(ν−2)) cos^{ν−2}θ))} (2θ/π for ν = 1);
 * for even ν, {@code sin θ (1 + (1/2) cos²θ + (1·3)/(2·4) cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2)) cos^{ν−2}θ)}. The
 * quantile is found by bisection on t to round-off.
 */
public final class StudentT {
    private StudentT() {
    }

    /**
     * {@code P(|T| ≤ t)} for T with ν degrees of freedom.
     *
     * @param t  t ≥ 0
     * @param nu ν ≥ 1
     * @return the two-sided probability
     */
    public static double twoSided(double t, int nu) {
        if (nu < 1) {
            throw new IllegalArgumentException("nu = " + nu + ": must be at least 1");
        }
        double theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
        double s = Math.sin(theta);
        double c = Math.cos(theta);
        double c2 = c * c;
        if (nu % 2 == 1) {
            if (nu == 1) {
                return 2 * theta / Math.PI;
            }
            double term = c;
            double sum = c;
            for (int k = 3; k <= nu - 2; k += 2) {
                term *= c2 * (k - 1) / k;
                sum += term;
            }
            return 2 / Math.PI * (theta + s * sum);
        }
        double term = 1;
        double sum = 1;
        for (int k = 2; k <= nu - 2; k += 2) {
            term *= c2 * (k - 1) / k;
            sum += term;
        }
        return s * sum;
    }

    /**
     * The t with {@code P(|T| ≤ t) = level}.
     *
     * @param level a probability in (0, 1), e.g. 0.95
     * @param nu    ν ≥ 1
     * @return the quantile {@code t_{ν, (1+level)/2}}
     */
    public static double twoSidedQuantile(double level, int nu) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level = " + level + ": must lie in (0, 1)");
        }
        double lo = 0;
        double hi = 1;
        while (twoSided(hi, nu) < level) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (twoSided(mid, nu) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
