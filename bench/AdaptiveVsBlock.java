import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.Ensemble.Engine;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.problems.Problems;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * The adaptive ensemble against the fixed-step block engine at the same number of steps, in one JVM, on gbm: the
 * adaptive run first gives the mean number of accepted steps N per path, then the block engine runs N uniform steps
 * on as many paths; runs alternate, each on the caller's thread (thread CPU time, robust to a loaded machine). The
 * adaptive ensemble runs on both its engines, the block-adaptive one (256 lanes) and the per-path one, which give the
 * same bits (checked here too). Prints CPU seconds per path-step of each and the ratios adaptive/block (per accepted
 * path-step; the adaptive cost includes rejected attempts and, for step doubling, the two half steps). A fifth
 * argument names another test problem ({@code Problems.names()}, for example {@code cubic}, {@code wave},
 * {@code additive}): GBM's step is the cheapest there is (two multiplications per stage), so its ratio is the
 * engine's overhead at its plainest; a drift or diffusion that costs something shrinks it.
 *
 * <pre>
 *   mvn -B -o -q -pl sde4j-core compile
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/AdaptiveVsBlock.java [scheme] [tol] [paths] [repeats] [problem]
 * </pre>
 */
public class AdaptiveVsBlock {
    public static void main(String[] args) {
        Scheme scheme = Schemes.byName(args.length > 0 ? args[0] : "sriw1");
        double tol = args.length > 1 ? Double.parseDouble(args[1]) : 1e-2;
        long paths = args.length > 2 ? Long.parseLong(args[2]) : 20_000;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String problemName = args.length > 4 ? args[4] : "gbm";
        SdeProblem problem = Problems.byName(problemName).problem();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] adaptive = new double[repeats];
        double[] perPath = new double[repeats];
        double[] block = new double[repeats];
        double steps = 0;
        for (int r = -1; r < repeats; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            AdaptiveEnsembleResult a = AdaptiveEnsemble.of(problem, scheme).tolerances(tol, tol).paths(paths).seed(1)
                    .threads(1).executor(Runnable::run).run();
            double ca = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
            c0 = mx.getCurrentThreadCpuTime();
            // -DperPath=false leaves the per-path engine out (its figures then read 0): three times the rounds.
            AdaptiveEnsembleResult ap = Boolean.parseBoolean(System.getProperty("perPath", "true"))
                    ? AdaptiveEnsemble.of(problem, scheme).tolerances(tol, tol).paths(paths).seed(1).threads(1)
                            .executor(Runnable::run).engine(Engine.PATH).run()
                    : a;
            double cp = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
            if (Double.doubleToRawLongBits(ap.mean()[0]) != Double.doubleToRawLongBits(a.mean()[0])) {
                throw new AssertionError("the two adaptive engines disagree: " + a.mean()[0] + " " + ap.mean()[0]);
            }
            steps = a.steps().meanAccepted();
            int n = (int) Math.round(steps);
            c0 = mx.getCurrentThreadCpuTime();
            EnsembleResult b = Ensemble.of(problem, scheme).steps(n).paths(paths).seed(1).threads(1)
                    .executor(Runnable::run).run();
            double cb = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
            if (r >= 0) {
                adaptive[r] = ca / (paths * steps);
                perPath[r] = cp / (paths * steps);
                block[r] = cb / (paths * (double) n);
            }
            System.out.printf("run %d: adaptive %.3f s (%s), per-path engine %.3f s, mean %.5f; block %d steps %.3f s,"
                    + " mean %.5f%n", r, ca, a.steps(), cp, a.mean()[0], n, cb, b.mean()[0]);
        }
        double ma = median(adaptive);
        double mp = median(perPath);
        double mb = median(block);
        System.out.printf("%s, %s tol %.0e, %d paths, %.1f accepted steps per path: cpu per path-step block-adaptive"
                + " %.1f ns, per-path adaptive %.1f ns, fixed block %.1f ns; block-adaptive/block %.1f,"
                + " per-path/block %.1f%n", problemName, scheme.name(), tol, paths, steps, ma * 1e9, mp * 1e9, mb * 1e9,
                ma / mb, mp / mb);
        // On a shared machine the fastest runs are disturbed least.
        double fa = java.util.Arrays.stream(adaptive).min().orElseThrow();
        double fb = java.util.Arrays.stream(block).min().orElseThrow();
        System.out.printf("fastest runs: block-adaptive %.1f ns, fixed block %.1f ns; block-adaptive/block %.2f%n",
                fa * 1e9, fb * 1e9, fa / fb);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
