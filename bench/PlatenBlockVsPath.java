import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.problems.Problems;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Block vs path engine for one scheme on gbm, in one JVM: paths × steps per run, the engines alternating, each
 * run on one thread (the caller, through a direct executor) so its thread CPU time is the run's work whatever the
 * machine's load. Prints wall and CPU seconds per run and the median CPU ratio path/block.
 *
 * <pre>
 *   mvn -B -o -q -pl sde4j-core compile
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/PlatenBlockVsPath.java [scheme] [paths] [steps] [repeats]
 * </pre>
 */
public class PlatenBlockVsPath {
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "platen-weak2";
        long paths = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Scheme scheme = Schemes.byName(name);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] cpu = new double[2][repeats];
        Ensemble.Engine[] engines = {Ensemble.Engine.BLOCK, Ensemble.Engine.PATH};
        for (int r = -1; r < repeats; r++) { // r = −1: warm-up pair, not counted
            for (int e = 0; e < 2; e++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                EnsembleResult result = Ensemble.of(Problems.gbm().problem(), scheme).steps(steps).paths(paths).seed(1)
                        .threads(1).executor(Runnable::run).engine(engines[e]).run();
                double wall = (System.nanoTime() - w0) * 1e-9;
                double c = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
                if (r >= 0) {
                    cpu[e][r] = c;
                }
                System.out.printf("%s %-5s run %d: wall %.3f s, cpu %.3f s, mean %.6f%n", name, engines[e], r, wall, c,
                        result.mean()[0]);
            }
        }
        double block = median(cpu[0]);
        double path = median(cpu[1]);
        System.out.printf("%s, %d paths x %d steps: median cpu block %.3f s, path %.3f s, path/block %.2f%n", name,
                paths, steps, block, path, path / block);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
