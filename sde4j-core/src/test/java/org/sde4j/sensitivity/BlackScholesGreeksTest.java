package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.Calculus;

/**
 * The Black–Scholes Greeks of a call and of a digital recovered by every applicable method, each within 4 standard
 * errors of the closed form. GBM is simulated in log space, where Euler–Maruyama is exact, so the closed forms are
 * the discrete chain's and no discretisation bias enters. θ = (r, σ); Δ = Δ_y / S, Γ = (Γ_y − Δ_y) / S².
 */
class BlackScholesGreeksTest {
    private static final double S = 100;
    private static final double K = 105;
    private static final double R = 0.03;
    private static final double SIGMA = 0.25;
    private static final double T = 1;
    private static final long PATHS = 100_000;

    private static Sensitivities job(Payoff payoff, SensitivityMethod method) {
        return Sensitivities.of(Models.LOG_GBM, Calculus.ITO, new double[] {R, SIGMA}, new double[] {Math.log(S)},
                payoff).grid(0, T, 8).paths(PATHS).seed(20261207).method(method).threads(2);
    }

    private static void within(String what, double expected, double actual, double error) {
        assertEquals(expected, actual, 4 * error, what + ": " + actual + " ± " + error + ", closed form " + expected);
    }

    private static void checkFirstOrder(String label, SensitivityResult r, double[] exact) {
        within(label + " price", exact[0], r.value(), r.valueError());
        within(label + " delta", exact[1], r.gradient()[2] / S, r.gradientError()[2] / S);
        within(label + " vega", exact[3], r.gradient()[1], r.gradientError()[1]);
        within(label + " rho", exact[4], r.gradient()[0], r.gradientError()[0]);
    }

    private static double gammaFrom(SensitivityResult r) {
        return (r.gamma() - r.gradient()[2]) / (S * S);
    }

    private static double gammaError(SensitivityResult r) {
        return (r.gammaError() + r.gradientError()[2]) / (S * S);
    }

    @Test
    void callGreeksByPathwiseForwardWithGammaByLikelihoodRatioOnPathwise() {
        SensitivityResult r = job(Payoff.call(0, K, true, 0, T), SensitivityMethod.PATHWISE).gamma(true).run();
        double[] exact = Models.call(S, K, R, SIGMA, T);
        checkFirstOrder("pathwise", r, exact);
        within("pathwise gamma", exact[2], gammaFrom(r), gammaError(r));
    }

    @Test
    void callGreeksByAdjointLikelihoodRatioAndFiniteDifferences() {
        double[] exact = Models.call(S, K, R, SIGMA, T);
        checkFirstOrder("adjoint", job(Payoff.call(0, K, true, 0, T), SensitivityMethod.ADJOINT).run(), exact);
        checkFirstOrder("lr", job(Payoff.call(0, K, true, 0, T), SensitivityMethod.LIKELIHOOD_RATIO).run(), exact);
        checkFirstOrder("fd", job(Payoff.call(0, K, true, 0, T), SensitivityMethod.FINITE_DIFFERENCE).run(), exact);
    }

    @Test
    void digitalGreeksByLikelihoodRatioAndFiniteDifferences() {
        double[] exact = Models.digital(S, K, R, SIGMA, T);
        checkFirstOrder("lr digital", job(Payoff.digital(0, K, true, 0, T), SensitivityMethod.LIKELIHOOD_RATIO).run(),
                exact);
        checkFirstOrder("fd digital", job(Payoff.digital(0, K, true, 0, T), SensitivityMethod.FINITE_DIFFERENCE)
                .bump(0.002).run(), exact);
    }

    @Test
    void thetaOfCallAndDigitalWithTheMaturityAsAParameter() {
        double dt = 1e-5;
        double[] payoffs = {0, 1};
        for (double kind : payoffs) {
            boolean digital = kind == 1;
            double exact = ((digital ? Models.digital(S, K, R, SIGMA, T + dt) : Models.call(S, K, R, SIGMA, T + dt))[0]
                    - (digital ? Models.digital(S, K, R, SIGMA, T - dt) : Models.call(S, K, R, SIGMA, T - dt))[0]) / (2 * dt);
            SensitivityMethod[] methods = digital ? new SensitivityMethod[] {SensitivityMethod.LIKELIHOOD_RATIO}
                    : new SensitivityMethod[] {SensitivityMethod.PATHWISE, SensitivityMethod.ADJOINT,
                        SensitivityMethod.LIKELIHOOD_RATIO};
            for (SensitivityMethod method : methods) {
                SensitivityResult r = Sensitivities.of(Models.LOG_GBM_MATURITY, Calculus.ITO, new double[] {R, SIGMA, T},
                        new double[] {Math.log(S)}, Models.maturityPayoff(K, digital)).grid(0, 1, 8).paths(PATHS)
                        .seed(20261208).method(method).threads(2).run();
                within((digital ? "digital" : "call") + " θ = −∂V/∂T by " + method, -exact, -r.gradient()[2],
                        r.gradientError()[2]);
            }
        }
    }

    @Test
    void digitalGreeksByTheCombinedEstimatorAndWindowedWeights() {
        double[] exact = Models.digital(S, K, R, SIGMA, T);
        for (int window : new int[] {1, 3}) {
            checkFirstOrder("lr window " + window, job(Payoff.digital(0, K, true, 0, T),
                    SensitivityMethod.LIKELIHOOD_RATIO).likelihoodRatioWindow(window).run(), exact);
        }
    }

    @Test
    void priceSpaceGbmCallByMilsteinTangentsIsWithinItsBias() {
        // Price-space GBM: the Itô Milstein tangent on 64 steps; the weak bias is O(h), well under 4 standard errors.
        SensitivityResult r = Sensitivities.of(Models.GBM, Calculus.ITO, new double[] {R, SIGMA}, new double[] {S},
                Payoff.call(0, K, false, 0, T)).scheme(TangentScheme.MILSTEIN).grid(0, T, 64).paths(PATHS)
                .seed(5).threads(2).run();
        double[] exact = Models.call(S, K, R, SIGMA, T);
        within("milstein price", exact[0], r.value(), r.valueError());
        within("milstein delta", exact[1], r.gradient()[2], r.gradientError()[2]);
        within("milstein vega", exact[3], r.gradient()[1], r.gradientError()[1]);
        within("milstein rho", exact[4], r.gradient()[0], r.gradientError()[0]);
    }
}
