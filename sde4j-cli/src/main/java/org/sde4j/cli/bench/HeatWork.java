package org.sde4j.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.sde4j.problems.StochasticHeat;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.engine.Solver;
import org.sde4j.solver.scheme.DriftImplicit;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.SkRock;

/**
 * Explicit against stabilised against drift-implicit steps on the stochastic heat equation ({@link StochasticHeat},
 * ν = σ = 1, T = 1, U(0) = 0): the error is the relative error of the variance of the spatial mean M = δ Σ U_i,
 * computed exactly rather than sampled. On this linear additive problem a scheme's step is, mode by mode,
 * {@code v ← A(hλ_k)² v + B(hλ_k)² σ² h} (Euler–Maruyama: A = 1 + p, B = 1; drift-implicit Euler–Maruyama, θ = 1:
 * A = B = 1/(1 − p); SK-ROCK: its {@link SkRock#linearMap} at the stage count it picks), so the numerical
 * {@code Var M(T) = Σ_k w_k v_k} after N steps is a finite sum ({@link #variance}), compared with the exact
 * {@link StochasticHeat#meanVariance}. The cost is the thread CPU time of one path of N steps through the real
 * stepper ({@link Solver#solveToEnd}, best of 2 after a warm-up). Used by {@code sde4j bench --work-precision} and
 * {@code bench/StiffHeat.java}.
 */
public final class HeatWork {
    private HeatWork() {
    }

    /**
     * Var M after n steps of size h: {@code Σ_k w_k v_n(k)}, with the closed form of the geometric recursion
     * {@code v_n = b (1 − a^n)/(1 − a)} (n b when a = 1), {@code a = A²}, {@code b = B² σ² h}.
     *
     * @param map {A(p), B(p)} of the scheme's step on {@code dX = pX/h dt + dW} at {@code p = hλ}
     */
    public static double variance(StochasticHeat heat, DoubleFunction<double[]> map, double h, int n) {
        double sum = 0;
        double sigma2 = heat.sigma() * heat.sigma();
        for (int k = 1; k <= heat.dimension(); k++) {
            double[] ab = map.apply(h * heat.eigenvalue(k));
            double a2 = ab[0] * ab[0];
            double b2h = ab[1] * ab[1] * sigma2 * h;
            double v = a2 == 1 ? n * b2h : b2h * (1 - Math.pow(a2, n)) / (1 - a2);
            sum += heat.meanWeight(k) * v;
        }
        return sum;
    }

    /** Euler–Maruyama's {A, B}. */
    public static double[] eulerMaruyama(double p) {
        return new double[] {1 + p, 1};
    }

    /** Drift-implicit Euler–Maruyama's (θ = 1) {A, B}. */
    public static double[] implicitEulerMaruyama(double p) {
        return new double[] {1 / (1 - p), 1 / (1 - p)};
    }

    /** SK-ROCK's {A, B} at the stage count it picks for step h. */
    public static DoubleFunction<double[]> skRock(StochasticHeat heat, double h) {
        int s = SkRock.INSTANCE.stagesFor(h * heat.spectralRadius());
        return p -> SkRock.INSTANCE.linearMap(s, p);
    }

    /** The fewest steps over [0, t1] at which Euler–Maruyama is stable: h &lt; 2/ρ. */
    public static int stableSteps(StochasticHeat heat, double t1) {
        return (int) Math.floor(t1 * heat.spectralRadius() / 2) + 1;
    }

    /** CPU seconds of one path of n steps, best of 2 after a warm-up run. */
    public static double cost(SdeProblem problem, Scheme scheme, int n) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Solver.solveToEnd(problem, scheme, n, 3 + r);
            double seconds = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
            if (r > 0) {
                best = Math.min(best, seconds);
            }
        }
        return best;
    }

    /**
     * The work–precision study at dimension d over [0, 1]: Euler–Maruyama at its fewest stable steps N_s and at 2, 4,
     * 8, 16 N_s; drift-implicit Euler–Maruyama and SK-ROCK at 8, 16, … maxSteps steps. Each series is a list of
     * {CPU seconds, relative error of Var M(1), N} triples.
     */
    public static Map<String, List<double[]>> study(int d, int maxSteps) {
        double t1 = 1;
        StochasticHeat heat = StochasticHeat.of(d, 1, 1);
        SdeProblem problem = heat.problem(t1);
        double exact = heat.meanVariance(t1);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        int stable = stableSteps(heat, t1);
        List<double[]> em = new ArrayList<>();
        for (int m = 1; m <= 16; m *= 2) {
            int n = stable * m;
            double error = Math.abs(variance(heat, HeatWork::eulerMaruyama, t1 / n, n) / exact - 1);
            em.add(new double[] {cost(problem, EulerMaruyama.INSTANCE, n), error, n});
        }
        series.put("Euler–Maruyama, N ≥ " + stable + " (stable)", em);
        List<double[]> implicit = new ArrayList<>();
        List<double[]> sk = new ArrayList<>();
        for (int n = 8; n <= maxSteps; n *= 2) {
            double h = t1 / n;
            implicit.add(new double[] {cost(problem, DriftImplicit.EULER_MARUYAMA, n),
                Math.abs(variance(heat, HeatWork::implicitEulerMaruyama, h, n) / exact - 1), n});
            sk.add(new double[] {cost(problem, SkRock.INSTANCE, n),
                Math.abs(variance(heat, skRock(heat, h), h, n) / exact - 1), n});
        }
        series.put("drift-implicit Euler–Maruyama (θ = 1)", implicit);
        series.put("SK-ROCK (stabilised explicit)", sk);
        return series;
    }
}
