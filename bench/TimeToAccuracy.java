import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.sde4j.multilevel.Coupling;
import org.sde4j.multilevel.GbmFormulas;
import org.sde4j.multilevel.LevelSums;
import org.sde4j.multilevel.Multilevel;
import org.sde4j.multilevel.MultilevelQmc;
import org.sde4j.multilevel.MultilevelResult;
import org.sde4j.multilevel.Payoff;
import org.sde4j.multilevel.RandomisedQmc;

/**
 * Time to accuracy on Giles' GBM European call (r = 0.05, σ = 0.2, T = 1, S₀ = K = 1): plain Monte Carlo, multilevel
 * Monte Carlo (Euler–Maruyama and Milstein), randomised QMC (Milstein, Brownian bridge, 16 randomisations) and
 * multilevel QMC (Giles &amp; Waterhouse, Milstein), for
 * each ε, in one JVM, one thread each (the caller's), timed by the thread's CPU time so that a shared machine's load
 * does not enter. Plain MC and RQMC get the oracle step: n = 2^L with L the multilevel Milstein run's finest level
 * (the same bias test); plain MC also gets N = ⌈2 Var(P_L)/ε²⌉ from that run, and only its final run is timed. RQMC
 * doubles N from 1024 until its standard error is ε/√2 (every run timed). Prints a Markdown table.
 *
 * <pre>
 *   mvn -B -o -q -pl sde4j-core compile
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/TimeToAccuracy.java [smallest ε] [seed]
 * </pre>
 */
public class TimeToAccuracy {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double smallest = args.length > 0 ? Double.parseDouble(args[0]) : 1e-4;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        GbmFormulas gbm = GbmFormulas.GILES;
        Payoff call = Payoff.europeanCall(1, gbm.discount());
        double exact = gbm.europeanCall(1);
        Multilevel.of(gbm.problem(), Coupling.MILSTEIN, call).seed(99).estimate(1e-3); // warm-up
        RandomisedQmc.of(gbm.problem(), Coupling.MILSTEIN, call).steps(64).points(1024).seed(99).run();
        System.out.printf(Locale.ROOT, "exact (Black–Scholes) %.10f%n%n", exact);
        System.out.println("| ε | method | estimate − exact | ± 95 % | steps n_L | paths | cost (steps) | CPU s | ε²·cost | CPU vs MC |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (double eps = 1e-2; eps >= smallest * 0.99; eps /= Math.sqrt(10)) {
            double[] cpu = new double[5];
            long c0 = MX.getCurrentThreadCpuTime();
            MultilevelResult em = Multilevel.of(gbm.problem(), Coupling.EULER_MARUYAMA, call).seed(seed).estimate(eps);
            cpu[0] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            c0 = MX.getCurrentThreadCpuTime();
            MultilevelResult mil = Multilevel.of(gbm.problem(), Coupling.MILSTEIN, call).seed(seed).estimate(eps);
            cpu[1] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            int level = mil.finestLevel();
            int steps = 1 << level;
            double varP = mil.levels().get(level).varianceP();
            long paths = (long) Math.ceil(2 * varP / (eps * eps));
            c0 = MX.getCurrentThreadCpuTime();
            LevelSums mc = Multilevel.of(gbm.problem(), Coupling.MILSTEIN, call).seed(seed).plainMonteCarlo(level, paths);
            cpu[2] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            c0 = MX.getCurrentThreadCpuTime();
            RandomisedQmc.Result q = RandomisedQmc.of(gbm.problem(), Coupling.MILSTEIN, call).steps(steps).seed(seed)
                    .toStandardError(eps / Math.sqrt(2), 256, 1L << 22);
            cpu[3] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            c0 = MX.getCurrentThreadCpuTime();
            MultilevelQmc.Result mq = MultilevelQmc.of(gbm.problem(), Coupling.MILSTEIN, call).seed(seed).estimate(eps);
            cpu[4] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            double mcSe = Math.sqrt(mc.varianceY() / mc.count());
            row(eps, "plain MC (Milstein, oracle n, N)", mc.meanY() - exact, 1.96 * mcSe, steps, mc.count(),
                    (double) mc.count() * steps, cpu[2], cpu[2]);
            row(eps, "MLMC Euler–Maruyama", em.estimate() - exact, 1.96 * em.standardError(),
                    em.levels().get(em.finestLevel()).steps(), samples(em), em.cost(), cpu[0], cpu[2]);
            row(eps, "MLMC Milstein", mil.estimate() - exact, 1.96 * mil.standardError(), steps, samples(mil),
                    mil.cost(), cpu[1], cpu[2]);
            row(eps, "RQMC Milstein (16 × N, oracle n)", q.estimate() - exact, q.upper() - q.estimate(), steps,
                    q.points() * 16, (double) q.points() * 16 * steps, cpu[3], cpu[2]);
            long mqPaths = 0;
            for (long p : mq.points()) {
                mqPaths += 16 * p;
            }
            row(eps, "MLQMC Milstein (16 × N_ℓ)", mq.estimate() - exact, mq.upper() - mq.estimate(),
                    1 << (mq.points().length - 1), mqPaths, mq.cost(), cpu[4], cpu[2]);
            System.err.printf(Locale.ROOT, "ε = %.1e: MLMC Milstein α %.2f β %.2f, EM α %.2f β %.2f, levels %d/%d%n", eps,
                    mil.alpha(), mil.beta(), em.alpha(), em.beta(), mil.finestLevel(), em.finestLevel());
        }
    }

    private static long samples(MultilevelResult r) {
        return r.levels().stream().mapToLong(l -> l.samples()).sum();
    }

    private static void row(double eps, String method, double error, double halfWidth, int steps, long paths,
            double cost, double cpu, double mcCpu) {
        System.out.printf(Locale.ROOT, "| %.0e | %s | %+.2e | %.2e | %d | %d | %.3g | %.3f | %.3g | %.1f× |%n", eps, method,
                error, halfWidth, steps, paths, cost, cpu, eps * eps * cost, mcCpu / cpu);
    }
}
