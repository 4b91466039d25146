package org.sde4j.models.jump;

import java.util.Locale;
import org.sde4j.models.math.BlackScholes;
import org.sde4j.models.math.CharacteristicFunction;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.math.SpecialFunctions;
import org.sde4j.sde.Sde;

/**
 * An exponential jump diffusion {@code dS = μ S dt + σ S dW + S⁻ (e^ξ − 1) dN}, N Poisson of intensity λ:
 * Merton's (1976) model with normal marks, Kou's (2002) with double-exponential marks. Given W and the jumps the
 * solution is exact,
 *
 * <pre>
 *   S_T = S_0 exp((μ − σ²/2) T + σ W_T + Σ_{k ≤ N_T} ξ_k),      E[S_T] = S_0 exp((μ + λκ) T),   κ = E[e^ξ] − 1,
 * </pre>
 *
 * and ln S_T has the characteristic function
 * {@code φ(u) = exp(iu(ln S_0 + (μ − σ²/2)T) − σ²u²T/2 + λT(E[e^{iuξ}] − 1))}. Under the pricing measure
 * μ = r − q − λκ ({@link #riskNeutral}), and calls are priced by Fourier inversion ({@link #fourierCall}) or, for
 * Merton, by his series ({@link #mertonCall}).
 */
public final class ExponentialJumpModel {
    private final double spot;
    private final double drift;
    private final double vol;
    private final double intensity;
    private final MarkLaw marks;

    private ExponentialJumpModel(double spot, double drift, double vol, double intensity, MarkLaw marks) {
        this.spot = spot;
        this.drift = drift;
        this.vol = vol;
        this.intensity = intensity;
        this.marks = marks;
    }

    /**
     * @param spot      S_0 &gt; 0
     * @param drift     μ
     * @param vol       σ ≥ 0
     * @param intensity λ ≥ 0
     * @param marks     the law of ξ
     */
    public static ExponentialJumpModel of(double spot, double drift, double vol, double intensity, MarkLaw marks) {
        if (!(spot > 0 && spot < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("spot = " + spot + ": must be positive and finite");
        }
        if (!Double.isFinite(drift)) {
            throw new IllegalArgumentException("drift = " + drift + ": must be finite");
        }
        if (!(vol >= 0 && vol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("vol = " + vol + ": must be finite and >= 0");
        }
        if (!(intensity >= 0 && intensity < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("intensity = " + intensity + ": a jump intensity must be finite and >= 0");
        }
        java.util.Objects.requireNonNull(marks, "marks");
        return new ExponentialJumpModel(spot, drift, vol, intensity, marks);
    }

    /**
     * The model under the pricing measure: μ = r − q − λκ.
     *
     * @throws IllegalArgumentException when E[e^ξ] is infinite (for example Kou with η₁ ≤ 1)
     */
    public static ExponentialJumpModel riskNeutral(double spot, double rate, double yield, double vol,
            double intensity, MarkLaw marks) {
        double kappa = marks.expectedExp() - 1;
        return of(spot, rate - yield - intensity * kappa, vol, intensity, marks);
    }

    /** Merton's model under the pricing measure, marks N(m, s²). */
    public static ExponentialJumpModel merton(double spot, double rate, double vol, double intensity, double m,
            double s) {
        return riskNeutral(spot, rate, 0, vol, intensity, MarkLaws.normal(m, s));
    }

    /** Kou's model under the pricing measure. */
    public static ExponentialJumpModel kou(double spot, double rate, double vol, double intensity, double p,
            double eta1, double eta2) {
        return riskNeutral(spot, rate, 0, vol, intensity, MarkLaws.doubleExponential(p, eta1, eta2));
    }

    public double spot() {
        return spot;
    }

    public double drift() {
        return drift;
    }

    public double vol() {
        return vol;
    }

    public double intensity() {
        return intensity;
    }

    public MarkLaw marks() {
        return marks;
    }

    /** The jump diffusion on [0, T], with the diffusion derivative for Milstein. */
    public JumpDiffusion jumpDiffusion(double expiry) {
        double mu = drift;
        double sigma = vol;
        Sde sde = Sde.scalar((t, x) -> mu * x, (t, x) -> sigma * x).withDiffusionDerivative((t, x) -> sigma);
        return JumpDiffusion.of(sde, new double[] {spot}, 0, expiry, intensity, marks, JumpMap.relative());
    }

    /** The exact solution given W_T and the jumps. */
    public ExactSolution exactSolution(double expiry) {
        double a = (drift - 0.5 * vol * vol) * expiry;
        double sigma = vol;
        return (x0, w, jumps, out) -> {
            double sum = 0;
            for (int k = 0; k < jumps.count(); k++) {
                sum += jumps.mark(k);
            }
            out[0] = x0[0] * Math.exp(a + sigma * w[0] + sum);
        };
    }

    /**
     * E[S_T] = S_0 exp((μ + λκ)T).
     *
     * @throws IllegalArgumentException when E[e^ξ] is infinite
     */
    public double mean(double expiry) {
        return spot * Math.exp((drift + intensity * (marks.expectedExp() - 1)) * expiry);
    }

    /** The characteristic function of ln S_T. */
    public CharacteristicFunction characteristicFunction(double expiry) {
        double x = Math.log(spot) + (drift - 0.5 * vol * vol) * expiry;
        double v = 0.5 * vol * vol * expiry;
        double lt = intensity * expiry;
        return u -> {
            Complex iu = Complex.I.times(u);
            Complex exponent = iu.times(x).minus(u.times(u).times(v)).plus(marks.characteristic(u).minus(1).times(lt));
            return exponent.exp();
        };
    }

    /**
     * A European call by Fourier inversion, for the model under the pricing measure with rate r.
     *
     * @param tolerance absolute tolerance on the price
     */
    public FourierPricer.Price fourierCall(double strike, double expiry, double rate, double tolerance) {
        return FourierPricer.call(characteristicFunction(expiry), strike, Math.exp(-rate * expiry), tolerance);
    }

    /**
     * Merton's (1976) series for a call, for normal marks N(m, s²) and the model under the pricing measure with
     * rate r (and q = 0): with λ' = λ(1 + κ), σ_n² = σ² + n s²/T, r_n = r − λκ + n ln(1 + κ)/T,
     * {@code C = Σ_n e^{−λ'T} (λ'T)^n / n! · BS(S_0, K, r_n, σ_n, T)}, summed until the Poisson weights left (or the
     * last weight) are below 1e−16 (1e−18).
     *
     * @param m the mean of the marks (must be those of this model)
     * @param s their standard deviation
     */
    public double mertonCall(double strike, double expiry, double rate, double m, double s) {
        double kappa = Math.exp(m + 0.5 * s * s) - 1;
        double check = rate - intensity * kappa;
        if (Math.abs(check - drift) > 1e-12 * Math.max(1, Math.abs(drift))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "rate = %s: the model's drift %s is not"
                    + " r − λκ = %s, so it is not Merton's model under the pricing measure with these marks", rate,
                    drift, check));
        }
        double lp = intensity * (1 + kappa) * expiry;
        double total = 0;
        double weightSum = 0;
        for (int n = 0; n < 10_000; n++) {
            double logWeight = -lp + (n == 0 ? 0 : n * Math.log(lp)) - SpecialFunctions.logGamma(n + 1.0);
            double weight = lp == 0 ? (n == 0 ? 1 : 0) : Math.exp(logWeight);
            double sn = Math.sqrt(vol * vol + n * s * s / expiry);
            double rn = rate - intensity * kappa + n * (m + 0.5 * s * s) / expiry;
            total += weight * BlackScholes.call(spot, strike, rn, 0, sn, expiry);
            weightSum += weight;
            // The weights left sum to 1 − Σ, which rounding may keep at ~1e−16 forever: stop on the term as well.
            if (n > lp && (1 - weightSum < 1e-16 || weight < 1e-18)) {
                break;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ExponentialJumpModel[S0 = %s, μ = %s, σ = %s, λ = %s, marks %s]", spot,
                drift, vol, intensity, marks.name());
    }
}
