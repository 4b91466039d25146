import org.sde4j.cli.bench.TransientWork;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Adaptive against fixed steps on a sharp transient, on the same Brownian paths: {@code dX = a(t) X dt + b X dW}
 * with a pulse {@code a(t) = 200 sech²(200 (t − ½))} (it multiplies X by about e² within a few thousandths of a
 * time unit), b = 0.5, X0 = 1, T = 1. Exact solution {@code X_T = exp(tanh(100) + tanh(100) − b²T/2 + b W_T)}.
 * The strong error of fixed steps is measured on each path's own {@code OnDemandBrownianPath} keyed by (seed, p),
 * anchored at T as the adaptive ensemble's (uniform steps, per-path stepper; the same W_T, so the same exact
 * solution); its cost is
 * measured on the fixed-step block engine ({@code Ensemble}, the fastest fixed-step engine, same scheme, same number
 * of steps, its own stream of the same law). The adaptive ensemble ({@code AdaptiveEnsemble}, the block-adaptive
 * engine for tableau schemes) keeps its final states, whose error is measured against the same exact solutions.
 * CPU time per path on one thread (best of 3); prints, per tolerance, the fixed-step cost that reaches the same mean
 * |X_T − exact| (log-log interpolation) over the adaptive cost. The adaptive steps are capped by dtMax (third
 * argument, default 1/64); a fourth argument runs the adaptive ensemble on another scheme (for example SRIW2 against
 * fixed SRIW1), and then the fixed steps of that scheme are measured too. The measuring code is {@code TransientWork} of the command line's bench package (also behind
 * {@code sde4j bench --work-precision}). With dtMax = 1 most paths step over the pulse, whose stages then never see it, and the
 * error stays near X_T (e² − 1) at every tolerance.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:sde4j-cli/target/classes:$(cat cp.txt) bench/AdaptiveVsFixed.java [scheme] [paths] [dtMax] [adaptive scheme]
 * </pre>

 */
public class AdaptiveVsFixed {
    public static void main(String[] args) {
        Scheme scheme = Schemes.byName(args.length > 0 ? args[0] : "sriw1");
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        // The largest step: an adaptive solver that steps over the pulse never sees it (no stage lands in it).
        double dtMax = args.length > 2 ? Double.parseDouble(args[2]) : TransientWork.DT_MAX;
        // The adaptive ensemble's scheme (default: the fixed steps' scheme).
        Scheme adaptiveScheme = args.length > 3 ? Schemes.byName(args[3]) : scheme;
        long seed = 17;
        SdeProblem problem = TransientWork.problem();
        double[] exact = TransientWork.exact(paths, seed, scheme.needsSpaceTimeLevyArea());
        int levels = 11;
        double[] fixedError = new double[levels];
        double[] fixedCpu = new double[levels];
        fixedSeries(problem, scheme, seed, paths, exact, fixedError, fixedCpu);
        double[] ownError = fixedError;
        double[] ownCpu = fixedCpu;
        if (adaptiveScheme != scheme) {
            ownError = new double[levels];
            ownCpu = new double[levels];
            fixedSeries(problem, adaptiveScheme, seed, paths, exact, ownError, ownCpu);
        }
        System.out.println("adaptive ensemble (" + adaptiveScheme.name() + ", dtMax = " + dtMax + ", one thread; engine: "
                + (org.sde4j.ensemble.AdaptiveEnsemble.of(problem, adaptiveScheme).usesBlockEngine() ? "block-adaptive"
                        : "per-path") + "):");
        for (double tol : new double[] {1e-1, 5e-2, 3e-2, 2e-2, 1e-2, 5e-3, 3e-3, 1e-3, 3e-4}) {
            TransientWork.AdaptiveRun r = TransientWork.adaptive(problem, adaptiveScheme, tol, dtMax, seed, exact);
            double fixedAtError = costAt(r.error(), fixedError, fixedCpu);
            String own = adaptiveScheme == scheme ? "" : "; fixed " + adaptiveScheme.name() + " "
                    + ratio(costAt(r.error(), ownError, ownCpu), r.cpuPerPath());
            System.out.printf("  tol %.0e: error %.3e, %s, cpu/path %.2f µs; fixed %s to the same error %s%s%n", tol,
                    r.error(), r.result().steps(), r.cpuPerPath() * 1e6, scheme.name(),
                    ratio(fixedAtError, r.cpuPerPath()), own);
        }
    }

    private static String ratio(double fixedAtError, double adaptive) {
        return Double.isNaN(fixedAtError) ? "outside the measured range" : String.format("%.2f µs/path: %.1f× the"
                + " adaptive cost", fixedAtError * 1e6, fixedAtError / adaptive);
    }

    /** Fixed steps 2^4 … 2^14: the error on the same paths and the cost on the block engine, printed. */
    private static void fixedSeries(SdeProblem problem, Scheme scheme, long seed, int paths, double[] exact,
            double[] error, double[] cpu) {
        System.out.println("fixed steps: error on the same paths (per-path solver on each path's own Brownian path), cost on the"
                + " fixed-step block engine (Ensemble, " + scheme.name() + ", one thread):");
        for (int i = 0; i < error.length; i++) {
            int level = 4 + i;
            error[i] = TransientWork.fixedError(problem, scheme, level, seed, exact);
            cpu[i] = TransientWork.fixedCost(problem, scheme, level, paths, seed);
            System.out.printf("  N = %6d: error %.3e, cpu/path %.2f µs%n", 1 << level, error[i], cpu[i] * 1e6);
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
}
