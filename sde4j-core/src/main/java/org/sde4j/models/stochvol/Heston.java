package org.sde4j.models.stochvol;

import java.util.Locale;
import org.sde4j.models.jump.MarkLaw;
import org.sde4j.models.math.CharacteristicFunction;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.FourierPricer;

/**
 * Heston's (1993) model under the pricing measure,
 *
 * <pre>
 *   dS = (r − q) S dt + √V S dW_S,    dV = κ(θ − V) dt + σ √V dW_V,    d⟨W_S, W_V⟩ = ρ dt,
 * </pre>
 *
 * optionally with Merton jumps in ln S (Bates 1996): intensity λ, marks ξ, and the compensator −λκ, κ_J = E[e^ξ] − 1,
 * in the drift. The characteristic function of ln S_T is written in the "little Heston trap" form of Albrecher,
 * Mayer, Schoutens &amp; Tistaert (2007), continuous in u for the principal branch of the logarithm:
 *
 * <pre>
 *   d = √((ρσiu − κ)² + σ²(iu + u²)),    g = (κ − ρσiu − d)/(κ − ρσiu + d),
 *   ln φ(u) = iu(ln S_0 + (r − q)T) + (κθ/σ²)[(κ − ρσiu − d)T − 2 ln((1 − g e^{−dT})/(1 − g))]
 *             + (V_0/σ²)(κ − ρσiu − d)(1 − e^{−dT})/(1 − g e^{−dT})
 *             [+ λT(E[e^{iuξ}] − 1 − iu κ_J)   for Bates],
 * </pre>
 *
 * priced by {@link FourierPricer}. Immutable.
 */
public final class Heston {
    private final double spot;
    private final double v0;
    private final double rate;
    private final double yield;
    private final double kappa;
    private final double theta;
    private final double sigma;
    private final double rho;
    private final double jumpIntensity;
    private final MarkLaw jumpMarks;

    private Heston(double spot, double v0, double rate, double yield, double kappa, double theta, double sigma,
            double rho, double jumpIntensity, MarkLaw jumpMarks) {
        this.spot = spot;
        this.v0 = v0;
        this.rate = rate;
        this.yield = yield;
        this.kappa = kappa;
        this.theta = theta;
        this.sigma = sigma;
        this.rho = rho;
        this.jumpIntensity = jumpIntensity;
        this.jumpMarks = jumpMarks;
    }

    /**
     * @param spot  S_0 &gt; 0
     * @param v0    V_0 ≥ 0
     * @param rate  r
     * @param yield q
     * @param kappa κ &gt; 0
     * @param theta θ &gt; 0
     * @param sigma σ &gt; 0, the volatility of variance
     * @param rho   ρ in [−1, 1]
     * @throws IllegalArgumentException naming the first parameter outside its domain
     */
    public static Heston of(double spot, double v0, double rate, double yield, double kappa, double theta,
            double sigma, double rho) {
        Cir.positive("spot", spot);
        if (!(v0 >= 0 && v0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("v0 = " + v0 + ": the initial variance must be finite and >= 0");
        }
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate = " + rate + ": must be finite");
        }
        if (!Double.isFinite(yield)) {
            throw new IllegalArgumentException("yield = " + yield + ": must be finite");
        }
        Cir.positive("kappa", kappa);
        Cir.positive("theta", theta);
        Cir.positive("sigma", sigma);
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho = " + rho + ": a correlation must lie in [-1, 1]");
        }
        return new Heston(spot, v0, rate, yield, kappa, theta, sigma, rho, 0, null);
    }

    /**
     * Bates' model: this model with jumps in ln S of intensity λ and marks ξ, compensated.
     *
     * @throws IllegalArgumentException when λ is negative or E[e^ξ] is infinite
     */
    public Heston withJumps(double intensity, MarkLaw marks) {
        if (!(intensity >= 0 && intensity < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("intensity = " + intensity + ": a jump intensity must be finite and >= 0");
        }
        java.util.Objects.requireNonNull(marks, "marks");
        marks.expectedExp();
        return new Heston(spot, v0, rate, yield, kappa, theta, sigma, rho, intensity, marks);
    }

    public double spot() {
        return spot;
    }

    public double v0() {
        return v0;
    }

    public double rate() {
        return rate;
    }

    public double yield() {
        return yield;
    }

    public double kappa() {
        return kappa;
    }

    public double theta() {
        return theta;
    }

    public double sigma() {
        return sigma;
    }

    public double rho() {
        return rho;
    }

    public double jumpIntensity() {
        return jumpIntensity;
    }

    /** The marks of the jumps, or null without jumps. */
    public MarkLaw jumpMarks() {
        return jumpMarks;
    }

    /** The variance process. */
    public Cir variance() {
        return Cir.of(kappa, theta, sigma);
    }

    /** Whether the Feller condition 2κθ ≥ σ² holds. */
    public boolean feller() {
        return 2 * kappa * theta >= sigma * sigma;
    }

    /** κ_J = E[e^ξ] − 1, or 0 without jumps. */
    double jumpCompensator() {
        return jumpMarks == null ? 0 : jumpMarks.expectedExp() - 1;
    }

    /** The characteristic function of ln S_T. */
    public CharacteristicFunction characteristicFunction(double expiry) {
        Cir.positive("expiry", expiry);
        double x = Math.log(spot) + (rate - yield) * expiry;
        double s2 = sigma * sigma;
        double lt = jumpIntensity * expiry;
        double kj = jumpCompensator();
        return u -> {
            Complex iu = Complex.I.times(u);
            Complex beta = Complex.real(kappa).minus(iu.times(rho * sigma));
            Complex d = beta.times(beta).plus(iu.plus(u.times(u)).times(s2)).sqrt();
            Complex bMinusD = beta.minus(d);
            Complex g = bMinusD.dividedBy(beta.plus(d));
            Complex e = d.times(-expiry).exp();
            Complex oneMinusGe = Complex.ONE.minus(g.times(e));
            Complex logTerm = oneMinusGe.dividedBy(Complex.ONE.minus(g)).log();
            Complex c = bMinusD.times(expiry).minus(logTerm.times(2)).times(kappa * theta / s2);
            Complex dd = bMinusD.times(Complex.ONE.minus(e)).dividedBy(oneMinusGe).times(v0 / s2);
            Complex exponent = iu.times(x).plus(c).plus(dd);
            if (jumpMarks != null) {
                exponent = exponent.plus(jumpMarks.characteristic(u).minus(1).minus(iu.times(kj)).times(lt));
            }
            return exponent.exp();
        };
    }

    /**
     * A European call by Fourier inversion.
     *
     * @param tolerance absolute tolerance on the price
     * @throws org.sde4j.models.math.Quadrature.NotConvergedException when the integral does not converge
     */
    public FourierPricer.Price call(double strike, double expiry, double tolerance) {
        return FourierPricer.call(characteristicFunction(expiry), strike, Math.exp(-rate * expiry), tolerance);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Heston[S0 = %s, V0 = %s, r = %s, q = %s, κ = %s, θ = %s, σ = %s, ρ = %s%s]",
                spot, v0, rate, yield, kappa, theta, sigma, rho,
                jumpMarks == null ? "" : ", jumps λ = " + jumpIntensity + " " + jumpMarks.name());
    }
}
