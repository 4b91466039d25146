import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.brownian.DyadicBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.DyadicAdaptiveSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.Stepper;

/**
 * Adaptive against fixed steps on a sharp transient, on the same Brownian paths: {@code dX = a(t) X dt + b X dW}
 * with a pulse {@code a(t) = 200 sech²(200 (t − ½))} (it multiplies X by about e² within a few thousandths of a
 * time unit), b = 0.5, X0 = 1, T = 1. Exact solution {@code X_T = exp(tanh(100) + tanh(100) − b²T/2 + b W_T)}.
 * Both solvers read path p's {@link DyadicBrownianPath} keyed by (seed, p, segment 0): the fixed-step solver at the
 * uniform dyadic points, the adaptive one where it chooses. Prints mean |X_T − exact| against work: stepper calls
 * per path (attempts × 3 with step doubling) and CPU time.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/AdaptiveVsFixed.java [scheme] [paths]
 * </pre>
 */
public class AdaptiveVsFixed {
    static final double B = 0.5;

    public static void main(String[] args) {
        Scheme scheme = Schemes.byName(args.length > 0 ? args[0] : "sriw1");
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
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
        System.out.println("fixed steps (same paths):");
        for (int level = 4; level <= 14; level += 1) {
            long c0 = mx.getCurrentThreadCpuTime();
            double error = fixed(problem, scheme, level, seed, exact);
            double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths;
            System.out.printf("  N = %6d: error %.3e, stepper calls/path %d, cpu/path %.2f µs%n", 1 << level, error,
                    1 << level, cpu * 1e6);
        }
        System.out.println("adaptive:");
        for (double tol : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4}) {
            DyadicAdaptiveSolver solver = new DyadicAdaptiveSolver(problem, scheme, StepControl.of(tol, tol, 1),
                    new double[] {1.0}, seed, false);
            boolean doubling = !(scheme.newStepper(sde) instanceof org.sde4j.solver.ErrorEstimatingStepper);
            double[][] saved = new double[1][1];
            double error = 0;
            double attempts = 0;
            double accepted = 0;
            long c0 = mx.getCurrentThreadCpuTime();
            for (int p = 0; p < paths; p++) {
                solver.solve(p, saved);
                error += Math.abs(saved[0][0] - exact[p]);
                attempts += solver.accepted() + solver.rejected();
                accepted += solver.accepted();
            }
            double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths;
            System.out.printf("  tol %.0e: error %.3e, accepted/path %.1f, stepper calls/path %.1f, cpu/path %.2f µs%n",
                    tol, error / paths, accepted / paths, attempts / paths * (doubling ? 3 : 1), cpu * 1e6);
        }
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
