package org.sde4j.models;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.jump.MarkLaws;
import org.sde4j.models.levy.LevyModel;
import org.sde4j.models.levy.NormalInverseGaussian;
import org.sde4j.models.levy.VarianceGamma;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.stochvol.Cir;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;
import org.sde4j.random.KeyedStream;

/**
 * Named reference cases of the models, each with a closed-form or Fourier reference value and a Monte Carlo job that
 * estimates it (value {@link ModelCase#valueIndex()} of the job's averages): what a {@code tour} shows and what
 * {@code solve --model NAME} would run.
 */
public final class ModelCatalog {
    private ModelCatalog() {
    }

    /**
     * A reference case.
     *
     * @param name        a short name
     * @param description the model, its parameters and the quantity
     * @param reference   the reference value
     * @param source      where the reference comes from
     * @param valueIndex  the index of the estimate among the job's values
     * @param job         the Monte Carlo job for a number of paths
     */
    public record ModelCase(String name, String description, double reference, String source, int valueIndex,
            LongFunction<PathAverageJob> job) {
    }

    /** The cases. */
    public static List<ModelCase> cases() {
        ExponentialJumpModel merton = ExponentialJumpModel.merton(100, 0.05, 0.2, 1.0, -0.1, 0.15);
        ExponentialJumpModel kou = ExponentialJumpModel.kou(100, 0.05, 0.16, 3, 0.3, 40, 12);
        Cir cir = Cir.of(0.5, 0.04, 1.0);
        Heston andersen = Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -0.9);
        Heston bates = Heston.of(100, 0.04, 0.05, 0, 2, 0.04, 0.5, -0.7).withJumps(1, MarkLaws.normal(-0.1, 0.15));
        VarianceGamma vg = VarianceGamma.of(0.12, 0.2, -0.14);
        NormalInverseGaussian nig = NormalInverseGaussian.of(15, -5, 0.5);
        double discount = Math.exp(-0.05);
        return List.of(
                new ModelCase("merton", "Merton jump diffusion S0 100, r 5 %, σ 20 %, λ 1, ξ ~ N(−0.1, 0.15²): call K 100,"
                        + " T 1, jump-adapted Milstein, 32 steps", merton.mertonCall(100, 1, 0.05, -0.1, 0.15),
                        "Merton (1976) series", 0, n -> JumpEnsemble.of(merton.jumpDiffusion(1), JumpScheme.MILSTEIN)
                                .steps(32).values((x, out) -> out[0] = discount * Math.max(x[0] - 100, 0), "call")
                                .paths(n).job()),
                new ModelCase("kou", "Kou jump diffusion S0 100, r 5 %, σ 16 %, λ 3, p 0.3, η₁ 40, η₂ 12: call K 100, T 1,"
                        + " jump-adapted Milstein, 32 steps", kou.fourierCall(100, 1, 0.05, 1e-9).value(),
                        "Fourier inversion", 0, n -> JumpEnsemble.of(kou.jumpDiffusion(1), JumpScheme.MILSTEIN)
                                .steps(32).values((x, out) -> out[0] = discount * Math.max(x[0] - 100, 0), "call")
                                .paths(n).job()),
                new ModelCase("cir", "CIR κ 0.5, θ 0.04, σ 1 (Feller fails) from 0.04: E[X_1], exact non-central χ²"
                        + " sampling", cir.mean(0.04, 1), "closed-form mean", 0, n -> PathAverageJob.of("cir exact", () -> {
                            KeyedStream s = new KeyedStream();
                            ContinuousSampler g = s.gaussian();
                            return (seed, path, out) -> {
                                s.reset(seed, path, 0x636972L);
                                out[0] = cir.sample(s, g, 0.04, 1);
                            };
                        }, "X_1").paths(n)),
                new ModelCase("heston", "Heston, Andersen's case I (κ 0.5, θ 0.04, σ 1, ρ −0.9, V0 0.04): call K 100,"
                        + " T 10, QE with martingale correction, Δ = 1/8", andersen.call(100, 10, 1e-8).value(),
                        "Fourier inversion (Andersen 2008: 13.0847)", 0,
                        n -> HestonSimulator.callJob(andersen, HestonScheme.QE_MARTINGALE, 80, 10, 100).paths(n)),
                new ModelCase("bates", "Bates: Heston κ 2, θ 0.04, σ 0.5, ρ −0.7 with Merton jumps λ 1, ξ ~ N(−0.1,"
                        + " 0.15²): call K 100, T 1, QE-M, 32 steps", bates.call(100, 1, 1e-9).value(),
                        "Fourier inversion", 0,
                        n -> HestonSimulator.callJob(bates, HestonScheme.QE_MARTINGALE, 32, 1, 100).paths(n)),
                new ModelCase("vg", "Variance Gamma σ 0.12, ν 0.2, θ −0.14: call S0 100, K 100, r 5 %, T 1, exact"
                        + " increments", vg.call(100, 100, 0.05, 0, 1, 1e-9).value(), "Fourier inversion", 1,
                        n -> LevyModel.job(vg, 4, 1, 100, 0.05, new double[0], 100).paths(n)),
                new ModelCase("nig", "NIG α 15, β −5, δ 0.5: call S0 100, K 100, r 5 %, T 1, exact increments",
                        nig.call(100, 100, 0.05, 0, 1, 1e-9).value(), "Fourier inversion", 1,
                        n -> LevyModel.job(nig, 4, 1, 100, 0.05, new double[0], 100).paths(n)),
                new ModelCase("barrier", "Down-and-out call, GBM S0 100, K 100, H 90, r 5 %, σ 30 %, T 1: Euler, 64"
                        + " steps, Brownian-bridge monitoring", BarrierFormulas.downAndOutCall(100, 100, 90, 0.05, 0,
                        0.3, 1), "Merton (1973), Reiner–Rubinstein (1991)", 1,
                        n -> BarrierStudy.of((t, x) -> 0.05 * x, (t, x) -> 0.3 * x, 100, 1).lower(90)
                                .payoff(x -> discount * Math.max(x - 100, 0)).steps(64).paths(n).job()));
    }

    /** The case of that name. */
    public static ModelCase byName(String name) {
        for (ModelCase c : cases()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "model = %s: not a catalogued case; known: %s",
                name, cases().stream().map(ModelCase::name).toList()));
    }
}
