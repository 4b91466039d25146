package org.sde4j.sensitivity;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.sde.Calculus;

/**
 * The measurements of docs/sensitivities.md, printed (not a check: run with {@code -Dsens.report=true}).
 * {@code mvn -B -o -pl sde4j-core -am test -Dtest=SensitivityReport -Dsens.report=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "sens.report", matches = "true")
class SensitivityReport {
    private static final double S = 100;
    private static final double K = 105;
    private static final double R = 0.03;
    private static final double SIGMA = 0.25;
    private static final double T = 1;

    @Test
    void blackScholesSideBySide() {
        long paths = Long.getLong("sens.paths", 1_000_000);
        double[] call = Models.call(S, K, R, SIGMA, T);
        double[] digital = Models.digital(S, K, R, SIGMA, T);
        System.out.printf(Locale.ROOT, "%nBlack-Scholes, log-space GBM, Euler-Maruyama (exact), 8 steps, %d paths%n", paths);
        System.out.printf(Locale.ROOT, "closed form call:    price %.5f delta %.5f gamma %.6f vega %.4f rho %.4f%n",
                call[0], call[1], call[2], call[3], call[4]);
        System.out.printf(Locale.ROOT, "closed form digital: price %.5f delta %.6f vega %.5f rho %.5f%n",
                digital[0], digital[1], digital[3], digital[4]);
        for (boolean isDigital : new boolean[] {false, true}) {
            for (SensitivityMethod m : SensitivityMethod.values()) {
                if (isDigital && (m == SensitivityMethod.PATHWISE || m == SensitivityMethod.ADJOINT)) {
                    continue;
                }
                Payoff payoff = isDigital ? Payoff.digital(0, K, true, 0, T) : Payoff.call(0, K, true, 0, T);
                Sensitivities job = Sensitivities.of(Models.LOG_GBM, Calculus.ITO, new double[] {R, SIGMA},
                        new double[] {Math.log(S)}, payoff).grid(0, T, 8).paths(paths).seed(7).method(m).threads(2)
                        .gamma(m == SensitivityMethod.PATHWISE && !isDigital).bump(isDigital ? 0.002 : 1e-4);
                SensitivityResult r = job.run();
                double[] exact = isDigital ? digital : call;
                System.out.printf(Locale.ROOT, "%-8s %-16s delta %.6f±%.1e (%+.1f se) vega %.5f±%.1e (%+.1f se) rho %.5f±%.1e (%+.1f se)",
                        isDigital ? "digital" : "call", m, r.gradient()[2] / S, r.gradientError()[2] / S,
                        (r.gradient()[2] / S - exact[1]) / (r.gradientError()[2] / S), r.gradient()[1], r.gradientError()[1],
                        (r.gradient()[1] - exact[3]) / r.gradientError()[1], r.gradient()[0], r.gradientError()[0],
                        (r.gradient()[0] - exact[4]) / r.gradientError()[0]);
                if (!Double.isNaN(r.gamma())) {
                    double g = (r.gamma() - r.gradient()[2]) / (S * S);
                    double ge = (r.gammaError() + r.gradientError()[2]) / (S * S);
                    System.out.printf(Locale.ROOT, " gamma %.6f±%.1e (%+.1f se)", g, ge, (g - exact[2]) / ge);
                }
                System.out.printf(Locale.ROOT, " [%.2f s]%n", r.seconds());
            }
        }
    }

    @Test
    void thetaWithTheMaturityAsAParameter() {
        long paths = Long.getLong("sens.paths", 1_000_000);
        System.out.printf(Locale.ROOT, "%nBlack-Scholes theta = -dV/dT, maturity as a parameter, 8 steps, %d paths%n", paths);
        for (boolean digital : new boolean[] {false, true}) {
            double up = (digital ? Models.digital(S, K, R, SIGMA, T + 1e-5) : Models.call(S, K, R, SIGMA, T + 1e-5))[0];
            double down = (digital ? Models.digital(S, K, R, SIGMA, T - 1e-5) : Models.call(S, K, R, SIGMA, T - 1e-5))[0];
            double exact = -(up - down) / 2e-5;
            for (SensitivityMethod m : SensitivityMethod.values()) {
                if (digital && (m == SensitivityMethod.PATHWISE || m == SensitivityMethod.ADJOINT)) {
                    continue;
                }
                SensitivityResult r = Sensitivities.of(Models.LOG_GBM_MATURITY, Calculus.ITO, new double[] {R, SIGMA, T},
                        new double[] {Math.log(S)}, Models.maturityPayoff(K, digital)).grid(0, 1, 8).paths(paths).seed(7)
                        .method(m).bump(digital ? 0.002 : 1e-4).threads(2).run();
                System.out.printf(Locale.ROOT, "%s %s theta %.5f ± %.1e (closed form %.5f, %+.1f se)%n",
                        digital ? "digital" : "call", m, -r.gradient()[2], r.gradientError()[2], exact,
                        (-r.gradient()[2] - exact) / r.gradientError()[2]);
            }
        }
    }

    @Test
    void likelihoodRatioWindows() {
        long paths = Long.getLong("sens.paths", 1_000_000);
        double[] exact = Models.digital(S, K, R, SIGMA, T);
        System.out.printf(Locale.ROOT, "%nDigital by likelihood ratio, 8 steps, %d paths: standard errors by window%n", paths);
        for (int window : new int[] {1, 2, 4, 8}) {
            SensitivityResult r = Sensitivities.of(Models.LOG_GBM, Calculus.ITO, new double[] {R, SIGMA},
                    new double[] {Math.log(S)}, Payoff.digital(0, K, true, 0, T)).grid(0, T, 8).paths(paths).seed(7)
                    .method(SensitivityMethod.LIKELIHOOD_RATIO).likelihoodRatioWindow(window).threads(2).run();
            System.out.printf(Locale.ROOT, "window %d: delta %.6f±%.1e (%+.1f se) vega %.5f±%.1e (%+.1f se) rho %.5f±%.1e (%+.1f se)%n",
                    window, r.gradient()[2] / S, r.gradientError()[2] / S, (r.gradient()[2] / S - exact[1]) / (r.gradientError()[2] / S),
                    r.gradient()[1], r.gradientError()[1], (r.gradient()[1] - exact[3]) / r.gradientError()[1],
                    r.gradient()[0], r.gradientError()[0], (r.gradient()[0] - exact[4]) / r.gradientError()[0]);
        }
    }

    /** A scalar SDE with p parameters: {@code f = Σ_j θ_j sin((j + 1) x) / (j + 1) − x}, {@code g = 0.3 (1 + 0.1 x²)^{1/2}}. */
    static ParametricSde withParameters(int p) {
        return new ParametricSde() {
            @Override
            public int stateDimension() {
                return 1;
            }

            @Override
            public int parameterCount() {
                return p;
            }

            @Override
            public void drift(double t, double[] x, double[] th, double[] out) {
                double sum = -x[0];
                for (int j = 0; j < p; j++) {
                    sum += th[j] * Math.sin((j + 1) * x[0]) / (j + 1);
                }
                out[0] = sum;
            }

            @Override
            public void diffusion(double t, double[] x, double[] th, double[] out) {
                out[0] = 0.3 * Math.sqrt(1 + 0.1 * x[0] * x[0]);
            }

            @Override
            public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                double slope = -1;
                for (int j = 0; j < p; j++) {
                    slope += th[j] * Math.cos((j + 1) * x[0]);
                    dth[j] += v[0] * Math.sin((j + 1) * x[0]) / (j + 1);
                }
                dx[0] += v[0] * slope;
            }

            @Override
            public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                dx[0] += v[0] * 0.3 * 0.1 * x[0] / Math.sqrt(1 + 0.1 * x[0] * x[0]);
            }
        };
    }

    @Test
    void costRatios() {
        long paths = Long.getLong("sens.costPaths", 50_000);
        int steps = 64;
        System.out.printf(Locale.ROOT, "%nCost, scalar SDE with p parameters (D = p + 1 directions), %d steps, %d paths,"
                + " 1 thread, best of 3 (shared machine)%n", steps, paths);
        for (int p : new int[] {1, 5, 20}) {
            double[] theta = new double[p];
            java.util.Arrays.fill(theta, 0.1);
            ParametricSde sde = withParameters(p);
            String[] labels = {"value alone", "pathwise", "adjoint (block)", "adjoint (EM backprop per path)",
                "adjoint (checkpointed EM)",
                "adjoint (reversible heun)", "adjoint (stochastic adjoint)", "likelihood ratio", "central FD"};
            double[] best = new double[labels.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            for (int rep = 0; rep < 3; rep++) {
                double[] s = {
                    time(sde, theta, null, null, paths, steps, true),
                    time(sde, theta, SensitivityMethod.PATHWISE, null, paths, steps, false),
                    time(sde, theta, SensitivityMethod.ADJOINT, null, paths, steps, false),
                    time(sde, theta, SensitivityMethod.ADJOINT,
                            AdjointMethod.backpropagation(org.sde4j.solver.scheme.EulerMaruyama.INSTANCE), paths, steps, false),
                    time(sde, theta, SensitivityMethod.ADJOINT,
                            AdjointMethod.checkpointed(org.sde4j.solver.scheme.EulerMaruyama.INSTANCE), paths, steps, false),
                    time(sde, theta, SensitivityMethod.ADJOINT, AdjointMethod.reversibleHeun(), paths, steps, false),
                    time(sde, theta, SensitivityMethod.ADJOINT, AdjointMethod.stochasticAdjoint(), paths, steps, false),
                    time(sde, theta, SensitivityMethod.LIKELIHOOD_RATIO, null, paths, steps, false),
                    time(sde, theta, SensitivityMethod.FINITE_DIFFERENCE, null, paths, steps, false)};
                for (int k = 0; k < s.length; k++) {
                    best[k] = Math.min(best[k], s[k]);
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "p = %2d: value alone %.3f s", p, best[0]));
            for (int k = 1; k < labels.length; k++) {
                line.append(String.format(Locale.ROOT, "; %s %.2fx", labels[k], best[k] / best[0]));
            }
            System.out.println(line);
        }
    }

    @Test
    void hestonCost() {
        long paths = Long.getLong("sens.hestonPaths", 200_000);
        double[] theta = {0.02, 2.0, 0.04, 0.3, -0.6};
        double[] x0 = {Math.log(100), 0.05};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        SensitivityResult adjoint = null;
        for (int rep = 0; rep < 2; rep++) {
            GeneralTangentBlock block = new GeneralTangentBlock(Heston.MODEL, SensitivityPlan.CHUNK, false, null);
            double[] times = new double[101];
            for (int n = 0; n <= 100; n++) {
                times[n] = n / 100.0;
            }
            double[] dw = new double[100 * 2 * SensitivityPlan.CHUNK];
            org.apache.commons.rng.sampling.distribution.ContinuousSampler normal =
                    org.sde4j.random.RandomStreams.gaussian(1, 0);
            long start = System.nanoTime();
            double sum = 0;
            for (long c = 0; c < paths / SensitivityPlan.CHUNK; c++) {
                for (int k = 0; k < dw.length; k++) {
                    dw[k] = 0.1 * normal.sample();
                }
                block.solve(theta, x0, times, dw, SensitivityPlan.CHUNK, null);
                for (int q = 0; q < SensitivityPlan.CHUNK; q++) {
                    sum += Math.max(Math.exp(block.x()[q]) - 100, 0);
                }
            }
            best[0] = Math.min(best[0], (System.nanoTime() - start) * 1e-9 + sum * 0);
            int k = 1;
            for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.PATHWISE, SensitivityMethod.ADJOINT,
                SensitivityMethod.FINITE_DIFFERENCE}) {
                SensitivityResult r = Sensitivities.of(Heston.MODEL, theta, x0, Payoff.call(0, 100, true, 0, 1))
                        .grid(0, 1, 100).paths(paths).seed(31).method(m).threads(1).run();
                best[k] = Math.min(best[k], r.seconds());
                k++;
                if (m == SensitivityMethod.ADJOINT) {
                    adjoint = r;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nHeston call, all 7 first-order sensitivities, 100 steps, %d paths, 1 thread:"
                + " price alone %.2f s; pathwise forward %.2fx; adjoint %.2fx; central FD %.2fx%n%s", paths, best[0],
                best[1] / best[0], best[2] / best[0], best[3] / best[0], adjoint);
    }

    @Test
    void calculusNumbers() {
        double[] theta = {1.2, 0.4, 0.5};
        Sensitivities ito = Sensitivities.of(Models.NONLINEAR, Calculus.ITO, theta, new double[] {0.3}, Payoff.square(0))
                .scheme(TangentScheme.MILSTEIN).grid(0, 1, 200).paths(20_000).seed(17).threads(2);
        SensitivityResult reference = ito.run();
        System.out.printf(Locale.ROOT, "%nCalculus: NONLINEAR Itô SDE, E X_1^2, 200 steps, 20000 paths%n%s", reference);
        for (AdjointMethod m : new AdjointMethod[] {AdjointMethod.reversibleHeun(), AdjointMethod.stochasticAdjoint(),
            AdjointMethod.backpropagation(org.sde4j.solver.scheme.RungeKuttaSchemes.HEUN)}) {
            SensitivityResult converted = Sensitivities.of(Models.NONLINEAR, Calculus.ITO, theta, new double[] {0.3},
                    Payoff.square(0)).grid(0, 1, 200).paths(20_000).seed(17).threads(2)
                    .method(SensitivityMethod.ADJOINT).adjoint(m).run();
            SensitivityResult misread = Sensitivities.of(Models.NONLINEAR, Calculus.STRATONOVICH, theta,
                    new double[] {0.3}, Payoff.square(0)).grid(0, 1, 200).paths(20_000).seed(17).threads(2)
                    .method(SensitivityMethod.ADJOINT).adjoint(m).run();
            StringBuilder line = new StringBuilder(m.label() + ": relative difference to Itô Milstein, converted / misread:");
            for (int j = 0; j < 4; j++) {
                line.append(String.format(Locale.ROOT, " %s %+.2f%% / %+.1f%%;", reference.names()[j],
                        100 * (converted.gradient()[j] / reference.gradient()[j] - 1),
                        100 * (misread.gradient()[j] / reference.gradient()[j] - 1)));
            }
            System.out.println(line);
        }
    }

    /** Seconds of one run; {@code valueOnly}: a plain solve (finite differences' base pass only, via 0 directions). */
    private static double time(ParametricSde sde, double[] theta, SensitivityMethod m, AdjointMethod adjoint, long paths,
            int steps, boolean valueOnly) {
        Payoff payoff = Payoff.square(0);
        if (valueOnly) {
            TangentBlock block = new TangentBlock(sde, TangentScheme.EULER_MARUYAMA, SensitivityPlan.CHUNK, false, false,
                    false);
            double[] times = new double[steps + 1];
            for (int n = 0; n <= steps; n++) {
                times[n] = n / (double) steps;
            }
            double[] dw = new double[steps * SensitivityPlan.CHUNK];
            org.apache.commons.rng.sampling.distribution.ContinuousSampler normal =
                    org.sde4j.random.RandomStreams.gaussian(1, 0);
            long start = System.nanoTime();
            double sum = 0;
            for (long c = 0; c < paths / SensitivityPlan.CHUNK; c++) {
                for (int k = 0; k < dw.length; k++) {
                    dw[k] = 0.125 * normal.sample();
                }
                block.solve(theta, new double[] {0.5}, times, dw, SensitivityPlan.CHUNK, null);
                sum += block.x[0];
            }
            if (Double.isNaN(sum)) {
                throw new IllegalStateException();
            }
            return (System.nanoTime() - start) * 1e-9;
        }
        Sensitivities job = Sensitivities.of(sde, Calculus.ITO, theta, new double[] {0.5}, payoff).grid(0, 1, steps)
                .paths(paths).seed(3).method(m).threads(1);
        if (adjoint != null) {
            job.adjoint(adjoint);
        }
        return job.run().seconds();
    }
}
