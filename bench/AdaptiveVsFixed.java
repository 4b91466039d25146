import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.brownian.DyadicBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.engine.StepControl;

/**
 * Adaptive against fixed steps on a sharp transient, on the same Brownian paths: {@code dX = a(t) X dt + b X dW}
 * with a pulse {@code a(t) = 200 sech²(200 (t − ½))} (it multiplies X by about e² within a few thousandths of a
 * time unit), b = 0.5, X0 = 1, T = 1. Exact solution {@code X_T = exp(tanh(100) + tanh(100) − b²T/2 + b W_T)}.
 * The strong error of fixed steps is measured on each path's own {@link DyadicBrownianPath} keyed by (seed, p,
 * segment 0), the one the adaptive ensemble steps on (at the uniform dyadic points, per-path stepper); its cost is
 * measured on the fixed-step block engine ({@code Ensemble}, the fastest fixed-step engine, same scheme, same number
 * of steps, its own stream of the same law). The adaptive ensemble ({@code AdaptiveEnsemble}, the block-adaptive
 * engine for tableau schemes) keeps its final states, whose error is measured against the same exact solutions.
 * CPU time per path on one thread (best of 3); prints, per tolerance, the fixed-step cost that reaches the same mean
 * |X_T − exact| (log-log interpolation) over the adaptive cost. The adaptive steps are capped by dtMax (third
 * argument, default 1/64): with dtMax = 1 most paths step over the pulse, whose stages then never see it, and the
 * error stays near X_T (e² − 1) at every tolerance.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/AdaptiveVsFixed.java [scheme] [paths] [dtMax]
 * </pre>

 */
public class AdaptiveVsFixed {
    static final double B = 0.5;

    public static void main(String[] args) {
        Scheme scheme = Schemes.byName(args.length > 0 ? args[0] : "sriw1");
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        // The largest step: an adaptive solver that steps over the pulse never sees it (no stage lands in it).
        double dtMax = args.length > 2 ? Double.parseDouble(args[2]) : 1.0 / 64;
        long seed = 17;
        Sde sde = Sde.scalar((t, x) -> pulse(t) * x, (t, x) -> B * x).withDiffusionDerivative((t, x) -> B);
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0, 1);
        boolean levy = scheme.needsSpaceTimeLevyArea();
        double[] exact = new double[paths];
        DyadicBrownianPath root = DyadicBrownianPath.of(1, levy, 4, seed);
        double[] w = new double[1];
        double[] k = new double[1];
        for (int p = 0; p < paths; p++) {
            root.reset(p, 0, 0, 1);
            root.value(root.end(), w, k);
            exact[p] = Math.exp(2 * Math.tanh(100) - 0.5 * B * B + B * w[0]);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("fixed steps: error on the same paths (per-path solver on each path's tree), cost on the"
                + " fixed-step block engine (Ensemble, " + scheme.name() + ", one thread):");
        int levels = 11;
        double[] fixedError = new double[levels];
        double[] fixedCpu = new double[levels];
        for (int i = 0; i < levels; i++) {
            int level = 4 + i;
            fixedError[i] = fixed(problem, scheme, level, seed, exact);
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < 3; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                Ensemble.of(problem, scheme).steps(1 << level).paths(paths).seed(seed).threads(1)
                        .executor(Runnable::run).run();
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths);
            }
            fixedCpu[i] = best;
            System.out.printf("  N = %6d: error %.3e, cpu/path %.2f µs%n", 1 << level, fixedError[i], best * 1e6);
        }
        System.out.println("adaptive ensemble (" + scheme.name() + ", dtMax = " + dtMax + ", one thread; engine: "
                + (AdaptiveEnsemble.of(problem, scheme).usesBlockEngine() ? "block-adaptive" : "per-path") + "):");
        for (double tol : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4}) {
            AdaptiveEnsembleResult r = null;
            double best = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < 3; rep++) {
                long c0 = mx.getCurrentThreadCpuTime();
                r = AdaptiveEnsemble.of(problem, scheme)
                        .stepControl(new StepControl(tol, tol, Math.scalb(1.0, -40), dtMax, dtMax)).paths(paths).seed(seed)
                        .keepFinalStates(true).threads(1).executor(Runnable::run).run();
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths);
            }
            double[] finals = r.statistics().finalStates();
            double error = 0;
            for (int p = 0; p < paths; p++) {
                error += Math.abs(finals[p] - exact[p]);
            }
            error /= paths;
            double fixedAtError = costAt(error, fixedError, fixedCpu);
            System.out.printf("  tol %.0e: error %.3e, %s, cpu/path %.2f µs; fixed steps to the same error %s%n", tol,
                    error, r.steps(), best * 1e6, Double.isNaN(fixedAtError) ? "outside the measured range"
                            : String.format("%.2f µs/path: %.1f× the adaptive cost", fixedAtError * 1e6,
                                    fixedAtError / best));
        }
    }

    /** The fixed-step cost at which the error reaches {@code error}: log-log interpolation between levels (NaN outside). */
    static double costAt(double error, double[] errors, double[] costs) {
        for (int i = 0; i + 1 < errors.length; i++) {
            if (errors[i] >= error && errors[i + 1] <= error) {
                double f = Math.log(errors[i] / error) / Math.log(errors[i] / errors[i + 1]);
                return Math.exp(Math.log(costs[i]) + f * Math.log(costs[i + 1] / costs[i]));
            }
        }
        return Double.NaN;
    }

    static double pulse(double t) {
        double c = Math.cosh(200 * (t - 0.5));
        return 200 / (c * c);
    }

    /** Mean |X_T − exact| with 2^level uniform steps on each path's tree. */
    static double fixed(SdeProblem problem, Scheme scheme, int level, long seed, double[] exact) {
        boolean levy = scheme.needsSpaceTimeLevyArea();
        DyadicBrownianPath tree = DyadicBrownianPath.of(1, levy, Math.max(level, 2), seed);
        Stepper stepper = scheme.newStepper(problem.sde());
        Increment noise = new Increment(1, false, levy);
        double[] w0 = new double[1];
        double[] k0 = new double[1];
        double[] w1 = new double[1];
        double[] k1 = new double[1];
        double[] x = new double[1];
        double[] area = new double[1];
        long units = tree.end() >> level;
        double sum = 0;
        for (int p = 0; p < exact.length; p++) {
            tree.reset(p, 0, 0, 1);
            x[0] = 1;
            w0[0] = 0;
            k0[0] = 0;
            for (long pos = 0; pos < tree.end(); pos += units) {
                double t = tree.time(pos);
                double tn = tree.time(pos + units);
                double h = tn - t;
                tree.value(pos + units, w1, k1);
                noise.set(h, w1[0] - w0[0]);
                if (levy) {
                    area[0] = (k1[0] - k0[0] - h * w0[0]) / h - 0.5 * (w1[0] - w0[0]);
                    noise.loadSpaceTimeLevyArea(area, 0);
                }
                stepper.step(t, x, noise);
                w0[0] = w1[0];
                k0[0] = k1[0];
            }
            sum += Math.abs(x[0] - exact[p]);
        }
        return sum / exact.length;
    }
}
