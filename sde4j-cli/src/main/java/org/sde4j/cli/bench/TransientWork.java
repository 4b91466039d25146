package org.sde4j.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sde4j.brownian.OnDemandBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.scheme.Schemes;

/**
 * Fixed against adaptive steps on a sharp transient, on the same Brownian paths: {@code dX = a(t) X dt + b X dW} with
 * a pulse {@code a(t) = 200 sech²(200 (t − ½))} (X grows by about e² within a few thousandths), b = ½, X0 = 1, T = 1;
 * exact {@code X_T = exp(2 tanh 100 − b²T/2 + b W_T)} (Itô: ∫a = tanh 100 + tanh 100). Strong error: mean
 * |X_T − exact| over the paths, each path's exact value from W_T of its own {@link OnDemandBrownianPath} keyed by
 * (seed, p), anchored at T — the path the adaptive ensemble steps on. Fixed steps: the error from the per-path
 * stepper at uniform points of those paths (drawn as bridges towards the same W_T), the cost from the fixed-step
 * block engine ({@link Ensemble}, same scheme and number of steps). Adaptive: {@link AdaptiveEnsemble} with its final states kept, steps capped by dtMax = 1/64 (a
 * larger step can jump over the pulse, which then no stage sees). Cost: thread CPU time per path on one thread, best
 * of 3. Used by {@code sde4j bench --work-precision} and {@code bench/AdaptiveVsFixed.java}.
 */
public final class TransientWork {
    /** The noise amplitude b. */
    public static final double B = 0.5;
    /** The default cap on the adaptive step. */
    public static final double DT_MAX = 1.0 / 64;
    /** The Brownian paths' one anchor: T. */
    private static final double[] END = {1.0};

    private TransientWork() {
    }

    /** The pulse {@code a(t) = 200 sech²(200 (t − ½))}. */
    public static double pulse(double t) {
        double c = Math.cosh(200 * (t - 0.5));
        return 200 / (c * c);
    }

    /** The problem on [0, 1] from X0 = 1, with the diffusion's derivative (for Milstein-type schemes). */
    public static SdeProblem problem() {
        Sde sde = Sde.scalar((t, x) -> pulse(t) * x, (t, x) -> B * x).withDiffusionDerivative((t, x) -> B);
        return SdeProblem.of(sde, 1.0, 0, 1);
    }

    /** Each path's exact X_T, from W_T of its Brownian path keyed by (seed, p). */
    public static double[] exact(int paths, long seed, boolean levy) {
        double[] exact = new double[paths];
        OnDemandBrownianPath brownian = OnDemandBrownianPath.of(1, levy, seed);
        double[] w = new double[1];
        double[] k = new double[1];
        for (int p = 0; p < paths; p++) {
            brownian.reset(p, 0, END);
            brownian.value(1, w, k);
            exact[p] = Math.exp(2 * Math.tanh(100) - 0.5 * B * B + B * w[0]);
        }
        return exact;
    }

    /** Mean |x_p − exact_p|. */
    public static double meanAbsoluteError(double[] x, double[] exact) {
        double sum = 0;
        for (int p = 0; p < exact.length; p++) {
            sum += Math.abs(x[p] - exact[p]);
        }
        return sum / exact.length;
    }

    /** Mean |X_T − exact| with 2^level uniform steps on each path's Brownian path (per-path stepper). */
    public static double fixedError(SdeProblem problem, Scheme scheme, int level, long seed, double[] exact) {
        boolean levy = scheme.needsSpaceTimeLevyArea();
        OnDemandBrownianPath brownian = OnDemandBrownianPath.of(1, levy, seed);
        Stepper stepper = scheme.newStepper(problem.sde());
        Increment noise = new Increment(1, false, levy);
        double[] w0 = new double[1];
        double[] k0 = new double[1];
        double[] w1 = new double[1];
        double[] k1 = new double[1];
        double[] x = new double[1];
        double[] area = new double[1];
        double[] finals = new double[exact.length];
        int steps = 1 << level;
        for (int p = 0; p < exact.length; p++) {
            brownian.reset(p, 0, END);
            x[0] = problem.x0()[0];
            w0[0] = 0;
            k0[0] = 0;
            for (int n = 0; n < steps; n++) {
                double t = Math.scalb((double) n, -level);
                double tn = Math.scalb((double) (n + 1), -level);
                double h = tn - t;
                brownian.value(tn, w1, k1);
                brownian.forgetBefore(tn);
                noise.set(h, w1[0] - w0[0]);
                if (levy) {
                    area[0] = (k1[0] - k0[0] - h * w0[0]) / h - 0.5 * (w1[0] - w0[0]);
                    noise.loadSpaceTimeLevyArea(area, 0);
                }
                stepper.step(t, x, noise);
                w0[0] = w1[0];
                k0[0] = k1[0];
            }
            finals[p] = x[0];
        }
        return meanAbsoluteError(finals, exact);
    }

    /** CPU seconds per path of the fixed-step block engine with 2^level steps, one thread, best of 3. */
    public static double fixedCost(SdeProblem problem, Scheme scheme, int level, int paths, long seed) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Ensemble.of(problem, scheme).steps(1 << level).paths(paths).seed(seed).threads(1).executor(Runnable::run)
                    .run();
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths);
        }
        return best;
    }

    /** One adaptive run at tolerance {@code tol} (atol = rtol), its error and its CPU seconds per path (best of 3). */
    public record AdaptiveRun(AdaptiveEnsembleResult result, double error, double cpuPerPath) {
    }

    /** The adaptive ensemble at atol = rtol = tol, dtMax as given, one thread, best of 3. */
    public static AdaptiveRun adaptive(SdeProblem problem, Scheme scheme, double tol, double dtMax, long seed,
            double[] exact) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AdaptiveEnsembleResult r = null;
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long c0 = mx.getCurrentThreadCpuTime();
            r = AdaptiveEnsemble.of(problem, scheme).stepControl(new StepControl(tol, tol, Math.scalb(1.0, -40), dtMax,
                    dtMax)).paths(exact.length).seed(seed).keepFinalStates(true).threads(1).executor(Runnable::run).run();
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / exact.length);
        }
        return new AdaptiveRun(r, meanAbsoluteError(r.statistics().finalStates(), exact), best);
    }

    /**
     * The work–precision study: fixed-step SRIW1 and SRIW2 at 2^6 … 2^maxLevel steps, adaptive SRIW1, SRIW2 and SOSRI
     * at tolerances 10⁻¹ … 10⁻³. Each series is a list of {CPU seconds per path, strong error, steps} points (the
     * adaptive ones with their tolerance last).
     */
    public static Map<String, List<double[]>> study(int paths, long seed, int maxLevel) {
        SdeProblem problem = problem();
        Scheme sriw1 = Schemes.byName("sriw1");
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        // W_T is a pure function of (seed, path), with or without Lévy area: one set of exact solutions serves all.
        double[] exact = exact(paths, seed, sriw1.needsSpaceTimeLevyArea());
        fixedCost(problem, sriw1, 8, paths, seed); // JIT warm-up, discarded
        for (String name : new String[] {"sriw1", "sriw2"}) {
            Scheme scheme = Schemes.byName(name);
            List<double[]> fixed = new ArrayList<>();
            for (int level = 6; level <= maxLevel; level++) {
                fixed.add(new double[] {fixedCost(problem, scheme, level, paths, seed),
                    fixedError(problem, scheme, level, seed, exact), 1 << level});
            }
            series.put(label(scheme) + ", fixed steps (block engine)", fixed);
        }
        adaptive(problem, sriw1, 1e-2, DT_MAX, seed, exact); // JIT warm-up of the block-adaptive engine, discarded
        for (String name : new String[] {"sriw1", "sriw2", "sosri"}) {
            Scheme scheme = Schemes.byName(name);
            List<double[]> points = new ArrayList<>();
            for (double tol : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3}) {
                AdaptiveRun run = adaptive(problem, scheme, tol, DT_MAX, seed, exact);
                points.add(new double[] {run.cpuPerPath(), run.error(), run.result().steps().meanAccepted(), tol});
            }
            series.put(label(scheme) + ", adaptive (block-adaptive engine)", points);
        }
        return series;
    }

    private static String label(Scheme scheme) {
        return scheme.name().toUpperCase(java.util.Locale.ROOT);
    }
}
