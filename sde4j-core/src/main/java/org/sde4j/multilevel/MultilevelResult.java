package org.sde4j.multilevel;

import java.util.List;
import java.util.Locale;

/**
 * The answer of a {@link Multilevel} estimate: {@code P̂ = Σ_ℓ Ȳ_ℓ} with its error bar, the levels, the fitted rates
 * and the costs.
 *
 * <p><b>The interval.</b> {@code P̂ ± 1.96 s}, {@code s² = Σ_ℓ V_ℓ / N_ℓ}: a 95 % interval for {@code E P_L}, the
 * mean at the finest step, under the central limit theorem for each level's mean (the levels are independent);
 * V_ℓ are the sample variances. It does not contain the bias {@code E P − E P_L}, which the algorithm only estimated
 * ({@link #biasEstimate()}, at most ε/√2 when {@link #converged()}); with that bound the root-mean-square error is
 * at most ε. {@link #intervalWithBias} widens the interval by the estimated bias: that is the interval for E P that
 * {@link Estimates#estimate} reports for the method mlmc.
 *
 * @param epsilon              ε, the requested root-mean-square error
 * @param estimate             P̂
 * @param standardError        s
 * @param biasEstimate         {@code max_i |Ȳ_{L−i}| M^{−αi} / (M^α − 1)} over i = 0, 1, 2 (Giles 2015, §2.6)
 * @param levels               the levels 0 … L
 * @param alpha                the weak rate: {@code |E Y_ℓ| ∝ h_ℓ^α}, by least squares over ℓ ≥ 1 (or as given)
 * @param beta                 the variance rate: {@code V_ℓ ∝ h_ℓ^β}
 * @param gamma                the cost rate of the model, {@code C_ℓ ∝ h_ℓ^{−γ}} (1 for fixed steps)
 * @param gammaMeasured        the cost rate fitted to the measured seconds per sample (levels ≥ 1)
 * @param cost                 {@code Σ N_ℓ C_ℓ}, in steps
 * @param seconds              the wall time of the whole estimate
 * @param plainMonteCarloCost  the cost plain Monte Carlo would need for the same ε at the finest step, predicted from
 *                             the same samples: {@code ⌈2 Var(P_L)/ε²⌉ n_L} steps
 * @param converged            whether the variance and bias tests were met
 * @param message              why not, or "converged"
 */
public record MultilevelResult(double epsilon, double estimate, double standardError, double biasEstimate,
        List<LevelEstimate> levels, double alpha, double beta, double gamma, double gammaMeasured, double cost,
        double seconds, double plainMonteCarloCost, boolean converged, String message) {
    /** 1.96, the two-sided 95 % normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /** The lower end of the 95 % interval {@code P̂ − 1.96 s}. */
    public double lower() {
        return estimate - Z95 * standardError;
    }

    /** The upper end {@code P̂ + 1.96 s}. */
    public double upper() {
        return estimate + Z95 * standardError;
    }

    /** {@code [P̂ − 1.96 s − |b̂|, P̂ + 1.96 s + |b̂|]}, the interval widened by the bias estimate. */
    public double[] intervalWithBias() {
        double w = Z95 * standardError + Math.abs(biasEstimate);
        return new double[] {estimate - w, estimate + w};
    }

    /** L, the finest level. */
    public int finestLevel() {
        return levels.size() - 1;
    }

    /** The saving: plain Monte Carlo's predicted cost over the multilevel cost. */
    public double saving() {
        return plainMonteCarloCost / cost;
    }

    /** A table for people: the estimate, the interval, the rates and one line per level. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "estimate %.8g ± %.3g (95 %% for the mean at the finest step: [%.8g, %.8g]),"
                + " bias estimate %.3g, ε = %.3g%n",
                estimate, Z95 * standardError, lower(), upper(), biasEstimate, epsilon));
        b.append(String.format(Locale.ROOT, "alpha %.3f  beta %.3f  gamma %.3f (measured %.3f)  cost %.4g steps,"
                + " %.3f s; plain MC would need %.4g steps (x%.1f)  %s%n", alpha, beta, gamma, gammaMeasured, cost,
                seconds, plainMonteCarloCost, saving(), message));
        b.append(String.format(Locale.ROOT, "%5s %8s %12s %13s %12s %12s %12s%n", "level", "steps", "N", "mean Y",
                "var Y", "var P", "s/sample"));
        for (LevelEstimate l : levels) {
            b.append(String.format(Locale.ROOT, "%5d %8d %12d %13.5e %12.4e %12.4e %12.4e%n", l.level(), l.steps(),
                    l.samples(), l.mean(), l.variance(), l.varianceP(), l.secondsPerSample()));
        }
        return b.toString();
    }
}
