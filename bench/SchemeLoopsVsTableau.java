import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Orders;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * A registered tableau scheme against a twin built from the same tableau by {@code RungeKuttaScheme.of} (a new
 * scheme value, so it has no loop or kernel of its own), in one JVM: a whole ensemble solve of paths × steps, on
 * the path engine (the scheme's own {@code newStepper} against the generic tableau step) or on the block engine
 * (the scheme's fused block kernel, if it has one, against {@code BlockTableauStepper}). The two alternate, each run
 * on one thread (the caller, through a direct executor), so its thread CPU time is the run's work whatever the
 * machine's load. Prints the median CPU seconds of each and the ratio twin/scheme (above 1: the scheme's own code is
 * faster).
 *
 * <pre>
 *   mvn -B -o -q -pl sde4j-core -am compile
 *   mvn -B -o -q -pl sde4j-core dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime
 *   java -Xmx2g --add-modules jdk.incubator.vector -cp sde4j-core/target/classes:$(cat cp.txt) \
 *       bench/SchemeLoopsVsTableau.java [pathPaths] [blockPaths] [steps] [repeats]
 * </pre>
 */
public class SchemeLoopsVsTableau {
    record Case(String label, String scheme, SdeProblem problem, Ensemble.Engine engine, long paths) {
    }

    public static void main(String[] args) {
        long pathPaths = args.length > 0 ? Long.parseLong(args[0]) : 40_000;
        long blockPaths = args.length > 1 ? Long.parseLong(args[1]) : 400_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        SdeProblem gbm = Problems.gbm().problem();
        SdeProblem gbmStrat = gbm.withSde(gbm.sde().convertedTo(Calculus.STRATONOVICH));
        SdeProblem diag = new SdeProblem(diagonal2d(), new double[] {1.0, 0.5}, 0, 1);
        SdeProblem diagStrat = diag.withSde(diag.sde().convertedTo(Calculus.STRATONOVICH));
        SdeProblem linear = Problems.linear2d().problem();
        List<Case> cases = new ArrayList<>(List.of(
                new Case("path  gbm         ", "euler-maruyama", gbm, Ensemble.Engine.PATH, pathPaths),
                new Case("path  diagonal-2d ", "euler-maruyama", diag, Ensemble.Engine.PATH, pathPaths),
                new Case("path  linear-2d   ", "euler-maruyama", linear, Ensemble.Engine.PATH, pathPaths),
                new Case("path  gbm         ", "milstein-df", gbm, Ensemble.Engine.PATH, pathPaths),
                new Case("path  diagonal-2d ", "milstein-df", diag, Ensemble.Engine.PATH, pathPaths),
                new Case("path  gbm (strat) ", "milstein-df-strat", gbmStrat, Ensemble.Engine.PATH, pathPaths),
                new Case("path  diag (strat)", "milstein-df-strat", diagStrat, Ensemble.Engine.PATH, pathPaths),
                new Case("block gbm         ", "euler-maruyama", gbm, Ensemble.Engine.BLOCK, blockPaths),
                new Case("block diagonal-2d ", "euler-maruyama", diag, Ensemble.Engine.BLOCK, blockPaths)));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> summary = new ArrayList<>();
        for (Case c : cases) {
            Scheme own = Schemes.byName(c.scheme());
            Scheme twin = twin((TableauScheme) own);
            Scheme[] pair = {own, twin};
            double[][] cpu = new double[2][repeats];
            double[] means = new double[2];
            for (int r = -1; r < repeats; r++) { // r = −1: warm-up pair, not counted
                for (int e = 0; e < 2; e++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    double mean = Ensemble.of(c.problem(), pair[e]).steps(steps).paths(c.paths()).seed(1).threads(1)
                            .executor(Runnable::run).engine(c.engine()).run().mean()[0];
                    double seconds = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
                    if (r >= 0) {
                        cpu[e][r] = seconds;
                    }
                    means[e] = mean;
                }
            }
            double a = median(cpu[0]);
            double b = median(cpu[1]);
            String line = String.format("%s %-18s %7d x %d: own %.3f s, tableau twin %.3f s, twin/own %.2f"
                    + "  (means %.6f, %.6f)", c.label(), c.scheme(), c.paths(), steps, a, b, b / a, means[0], means[1]);
            System.out.println(line);
            summary.add(line);
        }
        System.out.println("\nsummary (median thread CPU of " + repeats + " runs each, alternating):");
        summary.forEach(System.out::println);
    }

    /**
     * The same tableau, calculus and noise, as a new scheme value: the generic tableau step on every engine. Its
     * declared orders are placeholders (strong 0.5, so that no strong-order condition is checked): they do not
     * enter a step.
     */
    static Scheme twin(TableauScheme s) {
        return RungeKuttaScheme.of(s.name() + "-tableau", "tableau twin of " + s.name(), s.calculus(),
                EnumSet.copyOf(s.supportedNoise()), Orders.strong(0.5).weak(1.0).classical(1.0),
                s.tableau());
    }

    /** The diagonal-noise test SDE of BlockSolverTest. */
    static Sde diagonal2d() {
        return Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = -0.5 * x[1] + 0.1 * t;
                    out[1] = 0.5 * x[0] - 0.2 * x[1];
                })
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 0.3 * x[0];
                    out[1] = 0.2 * Math.sin(x[1]) + 0.1;
                })
                .diffusionDerivative((t, x, out) -> {
                    out[0] = 0.3;
                    out[1] = 0.2 * Math.cos(x[1]);
                })
                .build();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
