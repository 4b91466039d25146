package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.math.SpecialFunctions;
import org.sde4j.sde.Calculus;

/**
 * The likelihood ratio for general (square, invertible) noise: a diagonal SDE written as a general one gives the
 * diagonal engine's weights; on two correlated GBMs (Euler–Maruyama exact in log space) the Greeks of a digital
 * exchange option, correlation included, lie within 4 standard errors of the closed form; a non-square diffusion and
 * a singular one are refused.
 */
class GeneralLikelihoodRatioTest {
    /** Log-prices of two GBMs with correlation ρ, θ = (r, σ1, σ2, ρ): G = [[σ1, 0], [ρ σ2, √(1 − ρ²) σ2]]. */
    static final GeneralParametricSde CORRELATED = new GeneralParametricSde() {
        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int noiseDimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 4;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] - 0.5 * th[1] * th[1];
            out[1] = th[0] - 0.5 * th[2] * th[2];
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[1];
            out[1] = 0;
            out[2] = th[3] * th[2];
            out[3] = Math.sqrt(1 - th[3] * th[3]) * th[2];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[0] += v[0] + v[1];
            dth[1] -= v[0] * th[1];
            dth[2] -= v[1] * th[2];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            double c = Math.sqrt(1 - th[3] * th[3]);
            dth[1] += v[0];
            dth[2] += v[2] * th[3] + v[3] * c;
            dth[3] += v[2] * th[2] - v[3] * th[2] * th[3] / c;
        }
    };

    private static final double[] THETA = {0.03, 0.25, 0.35, 0.6};
    private static final double S1 = 100;
    private static final double S2 = 95;
    private static final double T = 1;

    /** The discounted digital exchange option e^{−rT} 1{S1 > S2}. */
    private static final Payoff EXCHANGE_DIGITAL = Payoff.named("digital exchange", false, (x, th, dx, dth) -> {
        java.util.Arrays.fill(dx, 0);
        java.util.Arrays.fill(dth, 0);
        double value = x[0] > x[1] ? Math.exp(-th[0] * T) : 0;
        dth[0] = -T * value;
        return value;
    });

    /** e^{−rT} Φ((ln(S1/S2) + (σ2² − σ1²)T/2) / (σ√T)), σ² = σ1² + σ2² − 2ρσ1σ2 (log S1 − log S2 is Gaussian). */
    private static double exchangeDigital(double[] th, double y1, double y2) {
        double sigma = Math.sqrt(th[1] * th[1] + th[2] * th[2] - 2 * th[3] * th[1] * th[2]);
        double mean = y1 - y2 + 0.5 * (th[2] * th[2] - th[1] * th[1]) * T;
        return Math.exp(-th[0] * T) * SpecialFunctions.normalCdf(mean / (sigma * Math.sqrt(T)));
    }

    @Test
    void aDiagonalSdeWrittenAsGeneralGivesTheDiagonalEnginesWeights() {
        double[] theta = {0.8, 0.3, 0.4, 0.2};
        double[] x0 = {0.5, -0.2};
        for (int window : new int[] {0, 1, 3}) {
            SensitivityResult diag = Sensitivities.of(Models.COUPLED, Calculus.ITO, theta, x0, Payoff.square(0))
                    .grid(0, 1, 16).paths(1000).seed(3).method(SensitivityMethod.LIKELIHOOD_RATIO)
                    .likelihoodRatioWindow(window).threads(2).run();
            SensitivityResult general = Sensitivities.of(GeneralNoiseTest.diagonal(Models.COUPLED), theta, x0,
                    Payoff.square(0)).grid(0, 1, 16).paths(1000).seed(3).method(SensitivityMethod.LIKELIHOOD_RATIO)
                    .likelihoodRatioWindow(window).threads(2).run();
            assertEquals(diag.value(), general.value(), 1e-12 * Math.abs(diag.value()));
            for (int j = 0; j < 6; j++) {
                assertEquals(diag.gradient()[j], general.gradient()[j], 1e-10 * Math.abs(diag.gradient()[j]),
                        "window " + window + ", " + diag.names()[j]);
            }
        }
    }

    @Test
    void correlatedDigitalExchangeGreeksIncludingTheCorrelation() {
        double y1 = Math.log(S1);
        double y2 = Math.log(S2);
        SensitivityResult r = Sensitivities.of(CORRELATED, THETA, new double[] {y1, y2}, EXCHANGE_DIGITAL)
                .grid(0, T, 4).paths(200_000).seed(17).method(SensitivityMethod.LIKELIHOOD_RATIO).threads(2)
                .parameterNames("r", "sigma1", "sigma2", "rho").run();
        double[] exact = new double[6];
        double h = 1e-6;
        for (int j = 0; j < 6; j++) {
            double[] up = THETA.clone();
            double[] down = THETA.clone();
            double[] yu = {y1, y2};
            double[] yd = {y1, y2};
            if (j < 4) {
                up[j] += h;
                down[j] -= h;
            } else {
                yu[j - 4] += h;
                yd[j - 4] -= h;
            }
            exact[j] = (exchangeDigital(up, yu[0], yu[1]) - exchangeDigital(down, yd[0], yd[1])) / (2 * h);
        }
        System.out.println("digital exchange, closed form " + java.util.Arrays.toString(exact) + "\n" + r);
        assertEquals(exchangeDigital(THETA, y1, y2), r.value(), 4 * r.valueError(), "price");
        for (int j = 0; j < 6; j++) {
            assertEquals(exact[j], r.gradient()[j], 4 * r.gradientError()[j], r.names()[j] + ": " + r.gradient()[j]
                    + " ± " + r.gradientError()[j] + ", closed form " + exact[j]);
        }
        assertTrue(Math.abs(exact[3]) > 8 * r.gradientError()[3], "the correlation's derivative is resolved");
    }

    @Test
    void aNonSquareOrSingularDiffusionIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(new Rectangular(), new double[0],
                new double[] {0}, Payoff.component(0)).grid(0, 1, 4).method(SensitivityMethod.LIKELIHOOD_RATIO).run())
                .getMessage();
        assertTrue(m.contains("square, invertible diffusion (d = m; here d = 1, m = 2)"), m);
        double[] singular = {0.03, 0.25, 0.35, 1.0}; // ρ = 1: G has two equal directions
        Exception e = assertThrows(RuntimeException.class, () -> Sensitivities.of(CORRELATED, singular,
                new double[] {0, 0}, EXCHANGE_DIGITAL).grid(0, 1, 4).paths(300)
                .method(SensitivityMethod.LIKELIHOOD_RATIO).threads(1).run());
        String all = e + " " + e.getCause();
        assertTrue(all.contains("the diffusion G is singular"), all);
    }

    /** dX = dW_1 + dW_2: one state, two Brownian motions. */
    private static final class Rectangular implements GeneralParametricSde {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int noiseDimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 0;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = 0;
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = 1;
            out[1] = 1;
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        }
    }
}
