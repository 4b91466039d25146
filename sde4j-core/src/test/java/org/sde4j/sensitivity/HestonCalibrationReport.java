package org.sde4j.sensitivity;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Heston calibration of docs/sensitivities.md, printed (not a check: run with {@code -Dsens.report=true}): the
 * parameters (v0, θ, ξ, ρ) fitted to eight Fourier call prices (two maturities, four strikes) by Levenberg–Marquardt
 * steps on the Jacobian of the Monte Carlo prices, each column an ensemble gradient of the block adjoint, with common
 * random numbers (the same seed at every iteration, so the objective is a smooth function of the parameters).
 * {@code mvn -B -o -pl sde4j-core -am test -Dtest=HestonCalibrationReport -Dsens.report=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "sens.report", matches = "true")
class HestonCalibrationReport {
    private static final double S0 = 1;
    private static final double R = 0.03;
    private static final double KAPPA = 1.5;
    private static final double[] TRUTH = {0.04, 0.04, 0.3, -0.7}; // v0, θ, ξ, ρ
    private static final double[] MATURITIES = {0.5, 1};
    private static final double[] STRIKES = {0.85, 0.95, 1.05, 1.15};
    private static final String[] NAMES = {"v0", "theta", "xi", "rho"};

    private static double fourier(double[] p, double strike, double maturity) {
        return org.sde4j.models.stochvol.Heston.of(S0, p[0], R, 0, KAPPA, p[1], p[2], p[3]).call(strike, maturity, 1e-12)
                .value();
    }

    /** Monte Carlo prices (k) and their gradients in (v0, θ, ξ, ρ) (k × 4). */
    private static double[][] priceAndJacobian(double[] p, long paths, int stepsPerYear, double[] prices) {
        double[][] jacobian = new double[prices.length][];
        int k = 0;
        for (double maturity : MATURITIES) {
            for (double strike : STRIKES) {
                SensitivityResult r = Sensitivities.of(HestonSde.MODEL, new double[] {R, KAPPA, p[1], p[2], p[3]},
                        new double[] {Math.log(S0), p[0]}, Payoff.call(0, strike, true, 0, maturity))
                        .grid(0, maturity, (int) Math.round(stepsPerYear * maturity)).paths(paths).seed(2026)
                        .method(SensitivityMethod.ADJOINT).threads(2).run();
                prices[k] = r.value();
                jacobian[k] = new double[] {r.gradient()[6], r.gradient()[2], r.gradient()[3], r.gradient()[4]};
                k++;
            }
        }
        return jacobian;
    }

    @Test
    void levenbergMarquardtOnEnsembleGradients() {
        long paths = Long.getLong("sens.paths", 20_000);
        int stepsPerYear = Integer.getInteger("sens.steps", 64);
        int n = MATURITIES.length * STRIKES.length;
        double[] target = new double[n];
        int k = 0;
        for (double maturity : MATURITIES) {
            for (double strike : STRIKES) {
                target[k++] = fourier(TRUTH, strike, maturity);
            }
        }
        double[] p = {0.08, 0.08, 0.6, -0.2};
        double lambda = 1e-3;
        double[] prices = new double[n];
        double[][] j = priceAndJacobian(p, paths, stepsPerYear, prices);
        double loss = loss(prices, target);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "%nHeston calibration: %d prices, %d paths, %d steps per year, seed 2026%n", n,
                paths, stepsPerYear);
        print(0, p, loss, lambda);
        for (int it = 1; it <= 25 && loss > 1e-14; it++) {
            double[] step = solve(j, prices, target, lambda);
            double[] trial = p.clone();
            for (int c = 0; c < 4; c++) {
                trial[c] -= step[c];
            }
            trial[0] = Math.max(trial[0], 1e-4);
            trial[1] = Math.max(trial[1], 1e-4);
            trial[2] = Math.max(trial[2], 1e-3);
            trial[3] = Math.max(-0.99, Math.min(0.99, trial[3]));
            double[] trialPrices = new double[n];
            double[][] trialJ = priceAndJacobian(trial, paths, stepsPerYear, trialPrices);
            double trialLoss = loss(trialPrices, target);
            if (trialLoss < loss) {
                p = trial;
                prices = trialPrices;
                j = trialJ;
                loss = trialLoss;
                lambda = Math.max(lambda / 3, 1e-7);
            } else {
                lambda *= 4;
            }
            print(it, p, loss, lambda);
        }
        System.out.printf(Locale.ROOT, "truth     v0 %.5f theta %.5f xi %.4f rho %.4f (kappa %.1f fixed), %.1f s%n",
                TRUTH[0], TRUTH[1], TRUTH[2], TRUTH[3], KAPPA, (System.nanoTime() - start) * 1e-9);
        double[] fitted = new double[n];
        k = 0;
        for (double maturity : MATURITIES) {
            for (double strike : STRIKES) {
                fitted[k] = fourier(p, strike, maturity);
                System.out.printf(Locale.ROOT, "T %.1f K %.2f target %.6f  Monte Carlo at the fit %.6f  Fourier at the fit"
                        + " %.6f%n", maturity, strike, target[k], prices[k], fitted[k]);
                k++;
            }
        }
    }

    private static void print(int it, double[] p, double loss, double lambda) {
        System.out.printf(Locale.ROOT, "iter %2d   v0 %.5f theta %.5f xi %.4f rho %.4f   rms price error %.2e  lambda %.0e%n",
                it, p[0], p[1], p[2], p[3], Math.sqrt(loss), lambda);
    }

    private static double loss(double[] prices, double[] target) {
        double s = 0;
        for (int k = 0; k < prices.length; k++) {
            s += (prices[k] - target[k]) * (prices[k] - target[k]);
        }
        return s / prices.length;
    }

    /** The Levenberg–Marquardt step δ: (JᵀJ + λ diag(JᵀJ)) δ = Jᵀ (prices − target). */
    private static double[] solve(double[][] j, double[] prices, double[] target, double lambda) {
        int m = 4;
        double[][] a = new double[m][m + 1];
        for (int k = 0; k < prices.length; k++) {
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] += j[k][r] * j[k][c];
                }
                a[r][m] += j[k][r] * (prices[k] - target[k]);
            }
        }
        for (int r = 0; r < m; r++) {
            a[r][r] *= 1 + lambda;
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = a[r][m] / a[r][r];
        }
        return x;
    }
}
