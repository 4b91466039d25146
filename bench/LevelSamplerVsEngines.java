import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.multilevel.Coupling;
import org.sde4j.multilevel.GbmFormulas;
import org.sde4j.multilevel.LevelSums;
import org.sde4j.multilevel.Multilevel;
import org.sde4j.multilevel.Payoff;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.Scheme;

/**
 * Why the multilevel sampler has its own loop: the CPU time per path-step of the multilevel level sampler
 * (uncoupled, as plain Monte Carlo uses it; and coupled, fine + coarse) against the block engine and the path engine
 * of {@code Ensemble} on the same GBM problem (Giles' parameters, batched forms), one thread, in one JVM, the
 * runs alternating; the median of the repeats.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/LevelSamplerVsEngines.java [paths] [steps] [repeats]
 * </pre>
 */
public class LevelSamplerVsEngines {
    public static void main(String[] args) {
        long paths = args.length > 0 ? Long.parseLong(args[0]) : 262_144;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int level = Integer.numberOfTrailingZeros(steps);
        GbmFormulas gbm = GbmFormulas.GILES;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"Ensemble block engine", "Ensemble path engine", "level sampler, uncoupled",
            "level sampler, coupled (fine + coarse)"};
        for (Coupling c : Coupling.values()) {
            Scheme scheme = c == Coupling.MILSTEIN ? Milstein.ITO : EulerMaruyama.INSTANCE;
            double[][] ns = new double[4][repeats];
            for (int r = -1; r < repeats; r++) {
                for (int k = 0; k < 4; k++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    double work;
                    if (k < 2) {
                        Ensemble.of(gbm.problem(), scheme).steps(steps).paths(paths).seed(1).threads(1)
                                .executor(Runnable::run)
                                .engine(k == 0 ? Ensemble.Engine.BLOCK : Ensemble.Engine.PATH).run();
                        work = (double) paths * steps;
                    } else {
                        Multilevel m = Multilevel.of(gbm.problem(), c, Payoff.europeanCall(1, gbm.discount())).seed(1);
                        LevelSums s = k == 2 ? m.plainMonteCarlo(level, paths) : m.levelJob(level, 0, paths / 256).run();
                        work = (double) s.count() * steps * (k == 2 ? 1 : 1.5);
                    }
                    if (r >= 0) {
                        ns[k][r] = (mx.getCurrentThreadCpuTime() - c0) / work;
                    }
                }
            }
            for (int k = 0; k < 4; k++) {
                java.util.Arrays.sort(ns[k]);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f |%n", c.label(), names[k], ns[k][repeats / 2]);
            }
        }
    }
}
