package org.sde4j.models.jump;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.Samplers;

/**
 * The usual mark laws.
 *
 * <ul>
 * <li>{@link #normal}: ξ ~ N(m, s²), so the relative jump e^ξ − 1 is lognormal (Merton 1976):
 *     E[e^ξ] = e^{m + s²/2}, E[e^{iuξ}] = e^{ium − s²u²/2}.</li>
 * <li>{@link #doubleExponential}: ξ = +Exp(η₁) with probability p, −Exp(η₂) otherwise (Kou 2002):
 *     E[e^ξ] = p η₁/(η₁ − 1) + (1 − p) η₂/(η₂ + 1), finite only when η₁ &gt; 1;
 *     E[e^{iuξ}] = p η₁/(η₁ − iu) + (1 − p) η₂/(η₂ + iu).</li>
 * <li>{@link #of}: any sampler the user supplies, without transforms.</li>
 * </ul>
 */
public final class MarkLaws {
    private MarkLaws() {
    }

    /** A sampler of marks, for {@link #of}. */
    @FunctionalInterface
    public interface Sampler {
        double sample(UniformRandomProvider rng, ContinuousSampler gaussian);
    }

    /**
     * Normal marks (Merton's lognormal jumps).
     *
     * @param mean m
     * @param sd   s ≥ 0
     */
    public static MarkLaw normal(double mean, double sd) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean = " + mean + ": the normal mark law needs a finite mean");
        }
        if (!(sd >= 0 && sd < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sd = " + sd + ": the normal mark law needs a finite sd >= 0");
        }
        return new MarkLaw() {
            @Override
            public double sample(UniformRandomProvider rng, ContinuousSampler gaussian) {
                return mean + sd * gaussian.sample();
            }

            @Override
            public String name() {
                return String.format(Locale.ROOT, "normal(%s, %s)", mean, sd);
            }

            @Override
            public double expectedExp() {
                return Math.exp(mean + 0.5 * sd * sd);
            }

            @Override
            public Complex characteristic(Complex u) {
                // exp(i u m − s² u² / 2)
                return Complex.I.times(u).times(mean).minus(u.times(u).times(0.5 * sd * sd)).exp();
            }
        };
    }

    /**
     * Double-exponential marks (Kou).
     *
     * @param p    the probability of an upward jump, in [0, 1]
     * @param eta1 the rate of upward jumps, positive (mean size 1/η₁)
     * @param eta2 the rate of downward jumps, positive (mean size 1/η₂)
     */
    public static MarkLaw doubleExponential(double p, double eta1, double eta2) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + ": the probability of an upward jump must lie in [0, 1]");
        }
        if (!(eta1 > 0 && eta1 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eta1 = " + eta1 + ": the upward rate must be positive and finite");
        }
        if (!(eta2 > 0 && eta2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eta2 = " + eta2 + ": the downward rate must be positive and finite");
        }
        return new MarkLaw() {
            @Override
            public double sample(UniformRandomProvider rng, ContinuousSampler gaussian) {
                double u = Samplers.openUniform(rng);
                double e = Samplers.exponential(rng, 1);
                return u < p ? e / eta1 : -e / eta2;
            }

            @Override
            public String name() {
                return String.format(Locale.ROOT, "doubleExponential(%s, %s, %s)", p, eta1, eta2);
            }

            @Override
            public double expectedExp() {
                if (!(eta1 > 1) && p > 0) {
                    throw new IllegalArgumentException("eta1 = " + eta1 + ": E[exp(ξ)] of double-exponential marks is"
                            + " infinite unless eta1 > 1 (upward jumps need a mean size below 1)");
                }
                return (p > 0 ? p * eta1 / (eta1 - 1) : 0) + (1 - p) * eta2 / (eta2 + 1);
            }

            @Override
            public Complex characteristic(Complex u) {
                Complex iu = Complex.I.times(u);
                Complex up = Complex.real(eta1).dividedBy(Complex.real(eta1).minus(iu)).times(p);
                Complex down = Complex.real(eta2).dividedBy(Complex.real(eta2).plus(iu)).times(1 - p);
                return up.plus(down);
            }
        };
    }

    /**
     * A user's mark law, known by its sampler only.
     *
     * @param name    its name
     * @param sampler draws from the given stream only
     */
    public static MarkLaw of(String name, Sampler sampler) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(sampler, "sampler");
        return new MarkLaw() {
            @Override
            public double sample(UniformRandomProvider rng, ContinuousSampler gaussian) {
                return sampler.sample(rng, gaussian);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
