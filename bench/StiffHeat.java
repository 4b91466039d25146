import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.DoubleFunction;
import org.sde4j.cli.bench.HeatWork;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.problems.StochasticHeat;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.DriftImplicit;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.SkRock;
import org.sde4j.solver.engine.Solver;

/**
 * Cost to a 1 % error in the stationary variance of the spatial mean M = δ Σ U_i of the stochastic heat equation ({@link StochasticHeat}, ν = σ = 1,
 * T = 1, U(0) = 0; the slowest mode has relaxed by e^{−2π²} ≈ 3e−9): Euler–Maruyama, drift-implicit Euler–Maruyama
 * (θ = 1, Newton with the exact Jacobian, EJML LU) and SK-ROCK (η = 0.05, stages from power iteration).
 *
 * <p>Each scheme's error is exact, not sampled: on this linear additive problem its step is, mode by mode,
 * {@code v ← A(hλ_k)² v + B(hλ_k)² σ² h} (EM: A = 1 + p, B = 1; implicit EM: A = B = 1/(1 − p); SK-ROCK: its
 * {@link SkRock#linearMap}), so the numerical {@code Var M(T) = Σ_k w_k v_k} is a finite sum, compared with the exact one. The
 * coarsest uniform grid N with error ≤ 1 % is found by scanning N; the CPU time per step of each scheme is measured on
 * one path of N steps (thread CPU time; the machine was shared), and the cost is N × time per step. Finally an
 * ensemble of SK-ROCK at its N checks by Monte Carlo that the implementation has the variance the analysis says.
 * Besides the cost N × time per step, each scheme's cost per path in an ensemble at its N is measured (block engine,
 * one thread), the figure an ensemble user pays.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:sde4j-cli/target/classes:$(cat cp.txt) bench/StiffHeat.java [d] [tolerance]
 * </pre>
 */
public class StiffHeat {
    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        double tolerance = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
        double t1 = 1;
        StochasticHeat heat = StochasticHeat.of(d, 1, 1);
        double rho = heat.spectralRadius();
        double exact = heat.meanVariance(t1);
        System.out.printf("d = %d, ρ = %.4g, exact Var M(1) = %.6g, EM stable for h < 2/ρ = %.3g (N > %d)%n", d, rho,
                exact, 2 / rho, (int) Math.floor(t1 * rho / 2));
        SkRock sk = SkRock.INSTANCE;
        String[] names = {"euler-maruyama", "implicit-euler-maruyama", "sk-rock"};
        Scheme[] schemes = {EulerMaruyama.INSTANCE, DriftImplicit.EULER_MARUYAMA, sk};
        @SuppressWarnings("unchecked")
        DoubleFunction<double[]>[] maps = new DoubleFunction[] {
            HeatWork::eulerMaruyama,
            HeatWork::implicitEulerMaruyama,
            null};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SdeProblem problem = heat.problem(t1);
        double[] costs = new double[3];
        int[] found = new int[3];
        for (int s = 0; s < 3; s++) {
            int n = 0;
            double error = Double.NaN;
            for (int k = 0; k < 2000; k++) {
                int candidate = (int) Math.round(Math.pow(1.01, k));
                if (candidate <= n) {
                    continue;
                }
                double h = t1 / candidate;
                DoubleFunction<double[]> map = maps[s] != null ? maps[s]
                        : p -> sk.linearMap(sk.stagesFor(h * rho), p);
                double e = Math.abs(trace(heat, map, h, candidate) / exact - 1);
                if (e <= tolerance) {
                    n = candidate;
                    error = e;
                    break;
                }
                n = candidate;
            }
            found[s] = n;
            // Time per step: one path of max(n, 4000) steps, the third of three runs (JIT warm-up).
            int timed = Math.max(n, 4000);
            double perStep = 0;
            for (int r = 0; r < 3; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                Solver.solveToEnd(problem.withTimeSpan(0, t1 * timed / n), schemes[s], timed,
                        Solver.streamingBrownian(problem, 3 + r));
                perStep = (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / timed;
            }
            costs[s] = perStep * n;
            String stages = s == 2 ? ", " + sk.stagesFor(t1 / n * rho) + " stages" : "";
            System.out.printf("%-24s N = %7d (h = %.3g, hρ = %.3g%s): error %.4f; %.2f µs/step; cost %.4f s%n",
                    names[s], n, t1 / n, t1 / n * rho, stages, error, perStep * 1e6, costs[s]);
        }
        System.out.printf("cost ratios: EM / implicit EM = %.1f, EM / SK-ROCK = %.1f, implicit EM / SK-ROCK = %.1f%n",
                costs[0] / costs[1], costs[0] / costs[2], costs[1] / costs[2]);
        // What an ensemble pays per path at each scheme's N: the block engine on one thread, best of 3 (after one
        // discarded warm-up run), with whatever set-up a path costs (stage counts, Newton matrices) included.
        double[] ensemble = new double[3];
        for (int s = 0; s < 3; s++) {
            int paths = s == 1 ? 4 : 16;
            int n = found[s];
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < 4; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                Ensemble.of(problem, schemes[s]).steps(n).paths(paths).seed(5).threads(1).executor(Runnable::run).run();
                double perPath = (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / paths;
                best = r == 0 ? best : Math.min(best, perPath);
            }
            ensemble[s] = best;
            System.out.printf("%-24s ensemble of %d paths at N = %d: %.4f s per path%n", names[s], paths, n, best);
        }
        System.out.printf("ensemble ratios: EM / implicit EM = %.1f, EM / SK-ROCK = %.1f, implicit EM / SK-ROCK = %.1f%n",
                ensemble[0] / ensemble[1], ensemble[0] / ensemble[2], ensemble[1] / ensemble[2]);
        // Monte Carlo check of SK-ROCK's variance at its N (power-iteration stages, the real stepper).
        int n = found[2];
        double h = t1 / n;
        double predicted = trace(heat, p -> sk.linearMap(sk.stagesFor(h * rho), p), h, n);
        int paths = 2000;
        EnsembleResult r = Ensemble.of(problem, sk).steps(n).paths(paths).seed(12).keepFinalStates(true).run();
        double[] finals = r.finalStates();
        double s1 = 0;
        double s2 = 0;
        for (int p = 0; p < paths; p++) {
            double m = 0;
            for (int i = 0; i < d; i++) {
                m += finals[p * d + i];
            }
            m /= d + 1;
            s1 += m;
            s2 += m * m;
        }
        double sum = (s2 - s1 * s1 / paths) / (paths - 1);
        System.out.printf("SK-ROCK at N = %d, %d paths: Monte Carlo Var M = %.5g, analysis %.5g, exact %.5g"
                + " (MC relative SE ≈ %.3f)%n", n, paths, sum, predicted, exact, Math.sqrt(2.0 / paths));
    }

    /** Σ_k w_k v_k after n steps ({@code HeatWork.variance}, shared with {@code sde4j bench --work-precision}). */
    private static double trace(StochasticHeat heat, DoubleFunction<double[]> map, double h, int n) {
        return HeatWork.variance(heat, map, h, n);
    }
}
