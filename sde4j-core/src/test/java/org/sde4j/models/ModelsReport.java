package org.sde4j.models;

import java.util.Locale;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;
import org.sde4j.models.barrier.BarrierStudyResult;
import org.sde4j.models.barrier.MonitoringBias;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.jump.JumpStudy;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;

/**
 * Prints the measured numbers of docs/jumps-and-barriers.md. Not a test: run with
 * {@code java -cp <test classpath> org.sde4j.models.ModelsReport [section…]}.
 */
public final class ModelsReport {
    private ModelsReport() {
    }

    public static void main(String[] args) {
        java.util.Set<String> want = new java.util.HashSet<>(java.util.Arrays.asList(args));
        boolean all = want.isEmpty();
        if (all || want.contains("merton")) {
            merton();
        }
        if (all || want.contains("strong")) {
            strong();
        }
        if (all || want.contains("heston")) {
            heston();
        }
        if (all || want.contains("barrier")) {
            barrier();
        }
        if (all || want.contains("monitoring")) {
            monitoring();
        }
        if (all || want.contains("levy")) {
            levy();
        }
        if (all || want.contains("catalog")) {
            System.out.println("== Catalog: 400k paths, seed 7, 2 threads");
            for (ModelCatalog.ModelCase c : ModelCatalog.cases()) {
                PathAverages r = c.job().apply(400_000).seed(7).threads(2).run();
                double e = r.mean(c.valueIndex());
                double se = r.standardError(c.valueIndex());
                System.out.printf(Locale.ROOT, "%-8s reference %.6f (%s)  MC %.4f ± %.4f  (%+.1f SE)%n", c.name(),
                        c.reference(), c.source(), e, se, (e - c.reference()) / se);
            }
        }
        if (want.contains("bench")) {
            bench(args.length > 1 ? Long.parseLong(args[1]) : 1_000_000);
        }
    }

    static void levy() {
        System.out.println("== Lévy drivers: 4 exact increments to T = 1, 400k paths; S0 100, K 100, r 5 %");
        double[] us = {2, 8};
        for (org.sde4j.models.levy.LevyModel m : new org.sde4j.models.levy.LevyModel[] {
            org.sde4j.models.levy.VarianceGamma.of(0.12, 0.2, -0.14),
            org.sde4j.models.levy.NormalInverseGaussian.of(15, -5, 0.5)}) {
            PathAverages r = org.sde4j.models.levy.LevyModel.job(m, 4, 1, 100, 0.05, us, 100).paths(400_000).seed(51)
                    .threads(2).run();
            org.sde4j.models.math.Complex phi = m.characteristic(org.sde4j.models.math.Complex.real(8), 1);
            System.out.printf(Locale.ROOT, "%s: mean %.5f (exact %.5f ± %.5f), var %.5f (exact %.5f), Re φ(8) %.4f"
                    + " (exact %.4f ± %.4f), call %.4f ± %.4f (Fourier %.6f)%n", m.name(), r.mean(0), m.mean(1),
                    r.standardError(0), r.variance(0), m.variance(1), r.mean(2), phi.re(), r.standardError(2),
                    r.mean(5), r.standardError(5), m.call(100, 100, 0.05, 0, 1, 1e-9).value());
        }
        org.sde4j.models.levy.VarianceGamma vg = org.sde4j.models.levy.VarianceGamma.of(0.12, 0.2, -0.14);
        for (double t : new double[] {0.1, 1}) {
            org.sde4j.models.math.FourierPricer.Price p = vg.call(100, 90, 0.1, 0, t, 1e-9);
            System.out.printf(Locale.ROOT, "VG Fang–Oosterlee K 90, r 0.1, T %s: %.9f (error estimate %.1e)%n", t,
                    p.value(), p.errorEstimate());
        }
    }

    static void bench(long paths) {
        System.out.println("== Cost: Merton (λ = 1) vs the same model without jumps, EM, 256 steps, " + paths
                + " paths, 1 thread, CPU seconds of the calling thread (min of 3 rounds; shared machine)");
        ExponentialJumpModel jumps = ExponentialJumpModel.merton(100, 0.05, 0.2, 1.0, -0.1, 0.15);
        ExponentialJumpModel none = ExponentialJumpModel.merton(100, 0.05, 0.2, 0.0, -0.1, 0.15);
        org.sde4j.sde.Sde gbm = org.sde4j.sde.Sde.scalar((t, x) -> 0.05 * x, (t, x) -> 0.2 * x);
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        double tb = Double.MAX_VALUE;
        double tn = Double.MAX_VALUE;
        double tj = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = bean.getCurrentThreadCpuTime();
            org.sde4j.ensemble.EnsembleResult block = org.sde4j.ensemble.Ensemble.of(
                    org.sde4j.sde.SdeProblem.of(gbm, 100, 0, 1), org.sde4j.solver.scheme.EulerMaruyama.INSTANCE).steps(256)
                    .paths(paths).seed(1).threads(1).run();
            tb = Math.min(tb, (bean.getCurrentThreadCpuTime() - t0) * 1e-9);
            t0 = bean.getCurrentThreadCpuTime();
            PathAverages a = JumpEnsemble.of(none.jumpDiffusion(1), JumpScheme.EULER_MARUYAMA).steps(256).paths(paths)
                    .seed(1).threads(1).run();
            tn = Math.min(tn, (bean.getCurrentThreadCpuTime() - t0) * 1e-9);
            t0 = bean.getCurrentThreadCpuTime();
            PathAverages b = JumpEnsemble.of(jumps.jumpDiffusion(1), JumpScheme.EULER_MARUYAMA).steps(256)
                    .paths(paths).seed(1).threads(1).run();
            tj = Math.min(tj, (bean.getCurrentThreadCpuTime() - t0) * 1e-9);
            if (round == 0) {
                System.out.printf(Locale.ROOT, "means: block %.4f, λ = 0 %.4f ± %.4f (exact %.4f), λ = 1 %.4f ± %.4f"
                        + " (exact %.4f)%n", block.mean()[block.mean().length - 1], a.mean(0), a.standardError(0),
                        none.mean(1), b.mean(0), b.standardError(0), jumps.mean(1));
            }
        }
        System.out.printf(Locale.ROOT, "CPU s: block engine (no jumps) %.2f, path engine λ = 0 %.2f, path engine λ = 1"
                + " %.2f; λ=1 / block %.2f, λ=1 / λ=0 %.2f%n", tb, tn, tj, tj / tb, tj / tn);
    }

    static void merton() {
        ExponentialJumpModel m = ExponentialJumpModel.merton(100, 0.05, 0.2, 1.0, -0.1, 0.15);
        System.out.println("== Merton smile: S0 100, r 5%, σ 20%, λ 1, ξ ~ N(−0.1, 0.15²), T 1; Milstein 32 steps, 400k paths");
        for (double k : new double[] {70, 80, 90, 100, 110, 120, 130}) {
            double series = m.mertonCall(k, 1, 0.05, -0.1, 0.15);
            double fourier = m.fourierCall(k, 1, 0.05, 1e-10).value();
            PathAverages r = JumpEnsemble.of(m.jumpDiffusion(1), JumpScheme.MILSTEIN).steps(32).paths(400_000)
                    .values((x, out) -> out[0] = Math.exp(-0.05) * Math.max(x[0] - k, 0), "call").seed(21).threads(2)
                    .run();
            System.out.printf(Locale.ROOT, "K %5.0f  series %.6f  fourier %.6f  MC %.4f ± %.4f  (%.1f SE)%n", k, series,
                    fourier, r.mean(0), r.standardError(0), (r.mean(0) - series) / r.standardError(0));
        }
    }

    static void strong() {
        ExponentialJumpModel m = ExponentialJumpModel.merton(1, 0.05, 0.5, 5, -0.1, 0.2);
        System.out.println("== Strong errors on jump-adapted grids, Merton S0 1, σ 0.5, λ 5, ξ ~ N(−0.1, 0.2²), T 1,"
                + " exact solution given the jumps, 20k paths");
        for (JumpScheme s : JumpScheme.values()) {
            System.out.println(s.label() + ": " + JumpStudy.of(m.jumpDiffusion(1), s, 8, 16, 32, 64, 128, 256)
                    .exact(m.exactSolution(1)).paths(20_000).seed(3).threads(2).run());
        }
    }

    static void heston() {
        Heston h = Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -0.9);
        double exact = h.call(100, 10, 1e-8).value();
        System.out.printf(Locale.ROOT, "== Heston, Andersen case I (Feller fails), K 100, T 10: Fourier %.6f%n", exact);
        for (int steps : new int[] {5, 10, 20, 40, 80}) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Δ = %-6s", 10.0 / steps));
            for (HestonScheme s : HestonScheme.values()) {
                PathAverages r = HestonSimulator.callJob(h, s, steps, 10, 100).paths(400_000).seed(31).threads(2).run();
                b.append(String.format(Locale.ROOT, "  %s %.4f ± %.4f (bias %+.4f)", s.label(), r.mean(0),
                        r.standardError(0), r.mean(0) - exact));
            }
            System.out.println(b);
        }
    }

    static void barrier() {
        double s0 = 100;
        double k = 100;
        double hb = 90;
        double r = 0.05;
        double sigma = 0.3;
        double exact = BarrierFormulas.downAndOutCall(s0, k, hb, r, 0, sigma, 1);
        System.out.printf(Locale.ROOT, "== Down-and-out call, GBM S0 100, K 100, H 90, r 5%%, σ 30%%, T 1: exact %.6f%n",
                exact);
        BarrierStudyResult res = BarrierStudy.of((t, x) -> r * x, (t, x) -> sigma * x, s0, 1).lower(hb)
                .payoff(x -> Math.exp(-r) * Math.max(x - k, 0)).steps(4, 8, 16, 32, 64, 128, 256, 512).paths(1_000_000)
                .seed(41).threads(2).run();
        System.out.print(res);
        System.out.printf(Locale.ROOT, "bias slope naive %.3f, bridged %.3f; successive-difference slope naive %.3f, bridged %.3f%n", res.biasOrder(exact, false),
                res.biasOrder(exact, true), res.differenceOrder(false), res.differenceOrder(true));
    }

    static void monitoring() {
        System.out.println("== Monitoring bias, GBM S0 100, K 100, H 90, r 5%, σ 30%, T 1, exact paths, 2 threads");
        System.out.print(MonitoringBias.of(100, 100, 90, 0.05, 0.3, 1).steps(32, 64, 128, 256, 512).paths(50_000)
                .batches(10).seed(30).threads(2).run());
        System.out.print(MonitoringBias.of(100, 100, 90, 0.05, 0.3, 1).steps(16, 32, 64, 128, 256, 512, 1024)
                .paths(200_000).batches(10).seed(31).threads(2).run());
    }
}
