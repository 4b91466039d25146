package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.Calculus;

/**
 * The gradient of {@code E X_T²} for Ornstein–Uhlenbeck, {@code dX = κ(μ − X) dt + σ dW}, in (κ, μ, σ, x0), against
 * the closed form of the Euler–Maruyama chain: mean {@code m' = (1 − κh) m + κμh}, variance
 * {@code v' = (1 − κh)² v + σ² h}, {@code E X_N² = m_N² + v_N}, differentiated analytically by forward recursion of
 * (m, v) and their derivatives. Uniform and non-uniform grids; every method within 4 standard errors.
 */
class OrnsteinUhlenbeckGradientTest {
    private static final double[] THETA = {1.5, 0.7, 0.4};
    private static final double X0 = -0.3;

    /** {value, ∂/∂κ, ∂/∂μ, ∂/∂σ, ∂/∂x0} of E X_N² on the grid {@code times}. */
    static double[] exact(double[] times) {
        double kappa = THETA[0];
        double mu = THETA[1];
        double sigma = THETA[2];
        double m = X0;
        double v = 0;
        double[] dm = {0, 0, 0, 1};
        double[] dv = {0, 0, 0, 0};
        for (int n = 0; n + 1 < times.length; n++) {
            double h = times[n + 1] - times[n];
            double a = 1 - kappa * h;
            double[] dmNew = {a * dm[0] - h * m + mu * h, a * dm[1] + kappa * h, a * dm[2], a * dm[3]};
            double[] dvNew = {a * a * dv[0] - 2 * a * h * v, a * a * dv[1], a * a * dv[2] + 2 * sigma * h, a * a * dv[3]};
            m = a * m + kappa * mu * h;
            v = a * a * v + sigma * sigma * h;
            dm = dmNew;
            dv = dvNew;
        }
        double[] out = new double[5];
        out[0] = m * m + v;
        for (int j = 0; j < 4; j++) {
            out[1 + j] = 2 * m * dm[j] + dv[j];
        }
        return out;
    }

    /** {value, ∂/∂κ, ∂/∂μ, ∂/∂σ, ∂/∂x0} of the time average {@code (1/T) Σ_{n≥1} h_n E X_n}. */
    static double[] exactTimeAverage(double[] times) {
        double kappa = THETA[0];
        double mu = THETA[1];
        double span = times[times.length - 1] - times[0];
        double m = X0;
        double[] dm = {0, 0, 0, 1};
        double[] out = new double[5];
        for (int n = 0; n + 1 < times.length; n++) {
            double h = times[n + 1] - times[n];
            double a = 1 - kappa * h;
            dm = new double[] {a * dm[0] - h * m + mu * h, a * dm[1] + kappa * h, a * dm[2], a * dm[3]};
            m = a * m + kappa * mu * h;
            out[0] += h * m / span;
            for (int j = 0; j < 4; j++) {
                out[1 + j] += h * dm[j] / span;
            }
        }
        return out;
    }

    @Test
    void aRunningCostIsDifferentiatedByEveryMethod() {
        double[] times = new double[17];
        for (int n = 0; n <= 16; n++) {
            times[n] = n / 16.0;
        }
        double[] exact = exact(times);
        double[] average = exactTimeAverage(times);
        for (int k = 0; k < 5; k++) {
            exact[k] += average[k];
        }
        for (SensitivityMethod method : SensitivityMethod.values()) {
            check(Sensitivities.of(Models.OU, Calculus.ITO, THETA, new double[] {X0}, Payoff.square(0)).grid(0, 1, 16)
                    .runningCost(RunningCost.timeAverage(0, 1)).paths(40_000).seed(21).method(method).threads(2),
                    exact, "running cost, " + method);
        }
    }

    private static void check(Sensitivities job, double[] exact, String what) {
        SensitivityResult r = job.run();
        assertEquals(exact[0], r.value(), 4 * r.valueError(), what + " value");
        for (int j = 0; j < 4; j++) {
            assertEquals(exact[1 + j], r.gradient()[j], 4 * r.gradientError()[j], what + " " + r.names()[j]
                    + ": " + r.gradient()[j] + " ± " + r.gradientError()[j]);
        }
    }

    @Test
    void everyMethodMatchesTheChainsClosedFormOnAUniformGrid() {
        double[] times = new double[21];
        for (int n = 0; n <= 20; n++) {
            times[n] = n / 20.0;
        }
        double[] exact = exact(times);
        for (SensitivityMethod method : SensitivityMethod.values()) {
            check(Sensitivities.of(Models.OU, Calculus.ITO, THETA, new double[] {X0}, Payoff.square(0)).grid(0, 1, 20)
                    .paths(40_000).seed(4).method(method).threads(2), exact, method.toString());
        }
    }

    @Test
    void pathwiseAndLikelihoodRatioMatchTheClosedFormOnANonUniformGrid() {
        double[] times = {0, 0.4, 0.45, 0.5, 0.7, 0.71, 0.9, 1.0};
        double[] exact = exact(times);
        for (SensitivityMethod method : new SensitivityMethod[] {SensitivityMethod.PATHWISE,
            SensitivityMethod.LIKELIHOOD_RATIO, SensitivityMethod.FINITE_DIFFERENCE}) {
            check(Sensitivities.of(Models.OU, Calculus.ITO, THETA, new double[] {X0}, Payoff.square(0)).times(times)
                    .paths(40_000).seed(8).method(method).threads(2), exact, "non-uniform " + method);
        }
    }

    @Test
    void theChainsClosedFormTendsToTheProcesssAsStepsShrink() {
        // Continuous OU: E X_T² = (μ + (x0 − μ) e^{−κT})² + σ² (1 − e^{−2κT}) / (2κ); the chain's is within O(h).
        double kappa = THETA[0];
        double mean = THETA[1] + (X0 - THETA[1]) * Math.exp(-kappa);
        double continuous = mean * mean + THETA[2] * THETA[2] * (1 - Math.exp(-2 * kappa)) / (2 * kappa);
        double[] times = new double[10_001];
        for (int n = 0; n < times.length; n++) {
            times[n] = n / 10_000.0;
        }
        assertEquals(continuous, exact(times)[0], 1e-3);
        double dMu = 2 * mean * (1 - Math.exp(-kappa));
        assertEquals(dMu, exact(times)[2], 1e-3);
    }
}
