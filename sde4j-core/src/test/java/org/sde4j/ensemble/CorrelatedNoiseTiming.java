package org.sde4j.ensemble;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.brownian.CorrelatedBrownianMotion;
import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.CorrelatedGbm;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Not a test: the timing of correlated noise on the two routes, Euler–Maruyama on {@link CorrelatedGbm} at
 * 10⁵ paths × 256 steps, one thread run on the calling thread, best thread-CPU time of 4 runs. One route per JVM
 * (so that JIT profiles of one route do not slow another), for example:
 *
 * <pre>
 *   mvn -B -q -o -pl sde4j-core dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   CP=sde4j-core/target/classes:sde4j-core/target/test-classes:$(cat cp.txt)
 *   for k in 0 1 2 3 4 5; do java -cp $CP org.sde4j.ensemble.CorrelatedNoiseTiming $k; done
 * </pre>
 *
 * <p>Routes: 0 the former one (independent problem, {@code brownian(...)} with a {@link CorrelatedBrownianMotion}
 * made per path: path engine); 1 correlation on the problem (AUTO: block engine, per-path lambdas through the
 * SDE's adapters); 2 the same on the path engine; 3 independent noise, block engine, per-path lambdas; 4 and 5 as
 * 1 and 3 with batched forms ({@link Sde#withBlockForms}).
 */
public final class CorrelatedNoiseTiming {
    private CorrelatedNoiseTiming() {
    }

    public static void main(String[] args) {
        int route = Integer.parseInt(args[0]);
        double[][] r = {{1, CorrelatedGbm.RHO}, {CorrelatedGbm.RHO, 1}};
        Sde batched = CorrelatedGbm.sde().withBlockForms((t, x, out, n, s) -> {
            for (int p = 0; p < n; p++) {
                out[p] = CorrelatedGbm.MU[0] * x[p];
                out[s + p] = CorrelatedGbm.MU[1] * x[s + p];
            }
        }, (t, x, out, n, s) -> {
            for (int p = 0; p < n; p++) {
                out[p] = CorrelatedGbm.SIGMA[0] * x[p];
                out[s + p] = CorrelatedGbm.SIGMA[1] * x[s + p];
            }
        }, null);
        NoiseProcess correlation = NoiseProcess.correlation(r);
        SdeProblem independent = CorrelatedGbm.problem(NoiseProcess.independent());
        Scheme em = Schemes.byName("euler-maruyama");
        Ensemble ensemble = switch (route) {
            case 0 -> Ensemble.of(independent, em).brownian((seed, path, m) -> CorrelatedBrownianMotion.ofCorrelation(r,
                    BrownianSourceFactory.gaussian().create(seed, path, m)));
            case 1 -> Ensemble.of(CorrelatedGbm.problem(correlation), em);
            case 2 -> Ensemble.of(CorrelatedGbm.problem(correlation), em).engine(Ensemble.Engine.PATH);
            case 3 -> Ensemble.of(independent, em);
            case 4 -> Ensemble.of(new SdeProblem(batched, CorrelatedGbm.X0, 0, 1).withNoise(correlation), em);
            case 5 -> Ensemble.of(new SdeProblem(batched, CorrelatedGbm.X0, 0, 1), em);
            default -> throw new IllegalArgumentException("route = " + route + ": must be 0 to 5");
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        EnsembleResult result = null;
        for (int rep = 0; rep < 4; rep++) {
            long cpu = threads.getCurrentThreadCpuTime();
            result = ensemble.steps(256).paths(100_000).seed(1).threads(1).executor(Runnable::run).run();
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - cpu) * 1e-9);
        }
        System.out.printf("route %d: %.3f s CPU, E X = (%.4f, %.4f)%n", route, best, result.mean()[0], result.mean()[1]);
    }
}
