package org.sde4j.models;

import java.util.Locale;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;
import org.sde4j.models.barrier.BarrierStudyResult;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.jump.JumpStudy;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;

/**
 * Prints the measured numbers of docs/models.md. Not a test: run with
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
}
