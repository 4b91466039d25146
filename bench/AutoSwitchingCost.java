import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.problems.Problems;
import org.sde4j.problems.StochasticHeat;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.AutoSwitching;
import org.sde4j.solver.scheme.SkRock;
import org.sde4j.solver.scheme.StabilityOptimisedSchemes;

/**
 * What stiffness detection costs ({@link AutoSwitching}, {@code auto-sosri2}): CPU time per path-step of SOSRI2,
 * auto-sosri2 and SK-ROCK on the per-path engine (one thread), where the switch always picks SOSRI2 (gbm, d = 1: ρ
 * from nonlinear power iteration, 7 drift evaluations; the stochastic heat equation at d = 32 with h below SOSRI2's
 * limit: ρ from the SDE's bound) and where it always picks SK-ROCK (the heat equation at h = 1/64).
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/AutoSwitchingCost.java [paths] [repeats]
 * </pre>
 */
public class AutoSwitchingCost {
    public static void main(String[] args) {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        StochasticHeat heat = StochasticHeat.of(32, 1, 1);
        // SOSRI2 is stable while h ρ ≤ 10.45: at d = 32 (ρ ≈ 4356) that is N ≥ 417 steps over [0, 1].
        Object[][] cases = {
                {"gbm, 32 steps", Problems.byName("gbm").problem(), 32, paths},
                {"heat d = 32, 512 steps (non-stiff steps)", heat.problem(1), 512, paths / 100},
                {"heat d = 32, 64 steps (stiff steps)", heat.problem(1), 64, paths / 100}};
        Scheme[] schemes = {StabilityOptimisedSchemes.SOSRI2, AutoSwitching.SOSRI2_SK_ROCK, SkRock.INSTANCE};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Object[] c : cases) {
            SdeProblem problem = (SdeProblem) c[1];
            int steps = (Integer) c[2];
            int n = (Integer) c[3];
            StringBuilder line = new StringBuilder(String.valueOf(c[0])).append(":");
            for (Scheme scheme : schemes) {
                double[] times = new double[repeats];
                String outcome = "";
                for (int r = -1; r < repeats; r++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    try {
                        Ensemble.of(problem, scheme).steps(steps).paths(n).seed(3).threads(1).executor(Runnable::run)
                                .engine(Ensemble.Engine.PATH).run();
                    } catch (RuntimeException e) {
                        outcome = " (" + e.getClass().getSimpleName() + ")";
                    }
                    if (r >= 0) {
                        times[r] = (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / ((double) n * steps);
                    }
                }
                java.util.Arrays.sort(times);
                line.append(String.format("  %s %.2f µs%s", scheme.name(), times[repeats / 2] * 1e6, outcome));
            }
            System.out.println(line);
        }
    }
}
