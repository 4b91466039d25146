import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.StrongError;
import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;

/**
 * A 2-d GBM with corr(W1, W2) = 0.7 written as a user would: the correlation belongs to the problem, the ensemble
 * runs on the block engine, and a strong-order study accepts the problem. Prints the thread CPU time of each run.
 *
 * <pre>java -cp sde4j-core/target/sde4j-core-0.1.0-SNAPSHOT.jar:sde4j-cli/target/lib/* bench/CorrelatedGbmUser.java</pre>
 */
public class CorrelatedGbmUser {
    public static void main(String[] args) {
        Sde sde = Sde.builder(2, 2)
                .drift((t, x, out) -> { out[0] = 0.1 * x[0]; out[1] = -0.2 * x[1]; })
                .diagonalDiffusion((t, x, out) -> { out[0] = 0.3 * x[0]; out[1] = 0.5 * x[1]; })
                .diffusionDerivative((t, x, out) -> { out[0] = 0.3; out[1] = 0.5; })
                .build();
        SdeProblem problem = new SdeProblem(sde, new double[] {1, 2}, 0, 1)
                .withNoise(NoiseProcess.correlation(new double[][] {{1, 0.7}, {0.7, 1}}));
        for (int rep = 0; rep < 3; rep++) {
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            EnsembleResult r = Ensemble.of(problem, Schemes.byName("euler-maruyama")).steps(256).paths(100_000)
                    .seed(42).threads(1).covariance(true).run();
            double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) * 1e-9;
            System.out.printf("after: mean %s, cpu %.3f s, %.3f s (block engine)%n", java.util.Arrays.toString(r.mean()), cpu,
                    r.seconds());
        }
        ConvergenceResult study = StrongError.of(problem, Schemes.byName("milstein"))
                .exact((t, w, out) -> {
                    out[0] = Math.exp((0.1 - 0.5 * 0.09) * t + 0.3 * w[0]);
                    out[1] = 2 * Math.exp((-0.2 - 0.5 * 0.25) * t + 0.5 * w[1]);
                })
                .halvings(16, 5).paths(2000).seed(1).run();
        System.out.println(study.report());
    }
}
