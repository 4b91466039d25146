package org.sde4j.random;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sde4j.sde.Require;

/**
 * The noise models of sde4j, as static factories:
 *
 * <pre>
 *   gaussian        ξ ~ N(0, h)                                     moments 0, h, 0, 3h²
 *   two-point       ξ = ±√h, each w.p. ½                            moments 0, h, 0, h²
 *   three-point     ξ = ±√(3h) w.p. 1/6 each, 0 w.p. 2/3            moments 0, h, 0, 3h²
 *   bernoulli(p)    ξ = 1 w.p. p, 0 otherwise                       E ξ^k = p
 *   uniform         ξ ~ U(0, 1)                                     E ξ^k = 1/(k + 1)
 * </pre>
 *
 * <p>The two-point law matches the Gaussian moments up to order 3 (enough for weak order 1), the
 * three-point law up to order 5 (weak order 2) (Kloeden &amp; Platen 1992, (14.2.3), (15.1.4)). Bernoulli
 * is the gate of stochastic depth (Huang et al. 2016), uniform the mixing weight of shake-shake
 * (Gastaldi 2017); neither depends on h.
 */
public final class NoiseModels {
    private NoiseModels() {
    }

    /** N(0, h), drawn as √h Z with a Ziggurat normal. */
    public static NoiseModel gaussian() {
        return GAUSSIAN;
    }

    /** ±√h with probability ½ each. */
    public static NoiseModel twoPoint() {
        return TWO_POINT;
    }

    /** ±√(3h) with probability 1/6 each, 0 with probability 2/3. */
    public static NoiseModel threePoint() {
        return THREE_POINT;
    }

    /** Uniform on (0, 1), independent of h. */
    public static NoiseModel uniform() {
        return UNIFORM;
    }

    /**
     * 1 with probability p, 0 otherwise, independent of h.
     *
     * @param p the probability of 1, in [0, 1]
     * @throws IllegalArgumentException when p is outside [0, 1]
     */
    public static NoiseModel bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + ": must be a probability in [0, 1]");
        }
        return new Model("bernoulli(" + p + ")", "1 w.p. p, 0 otherwise (stochastic depth gate; ignores h)", false,
                new double[] {p, p, p, p}, rng -> h -> rng.nextDouble() < p ? 1.0 : 0.0);
    }

    /** The models listed by {@code bin/sde4j list} (Bernoulli with p = ½). */
    public static List<NoiseModel> all() {
        return List.of(GAUSSIAN, TWO_POINT, THREE_POINT, bernoulli(0.5), UNIFORM);
    }

    private static final NoiseModel GAUSSIAN = new Model("gaussian", "N(0, h): strong and weak schemes", true,
            new double[] {0, 1, 0, 3}, rng -> {
                ContinuousSampler z = ZigguratSampler.NormalizedGaussian.of(rng);
                return new ScaledSampler() {
                    @Override
                    double unit() {
                        return z.sample();
                    }
                };
            });

    private static final NoiseModel TWO_POINT = new Model("two-point", "±√h w.p. ½ each: weak order-1 schemes", true,
            new double[] {0, 1, 0, 1}, rng -> new ScaledSampler() {
                @Override
                double unit() {
                    return rng.nextBoolean() ? 1.0 : -1.0;
                }
            }, UnitPointDraws::twoPoint);

    private static final double SQRT3 = Math.sqrt(3);

    private static final NoiseModel THREE_POINT = new Model("three-point",
            "±√(3h) w.p. 1/6 each, 0 w.p. 2/3: weak order-2 schemes", true, new double[] {0, 1, 0, 3},
            rng -> new ScaledSampler() {
                @Override
                double unit() {
                    int k = rng.nextInt(6);
                    return k == 0 ? SQRT3 : k == 1 ? -SQRT3 : 0.0;
                }
            }, UnitPointDraws::threePoint);

    private static final NoiseModel UNIFORM = new Model("uniform", "U(0, 1) (shake-shake weight; ignores h)", false,
            new double[] {0.5, 1.0 / 3, 0.25, 0.2}, rng -> h -> rng.nextDouble());

    /** A sampler of √h ξ₁ that caches √h for repeated step sizes. */
    private abstract static class ScaledSampler implements NoiseModel.NoiseSampler {
        private double lastH = Double.NaN;
        private double sqrtH;

        abstract double unit();

        @Override
        public double sample(double h) {
            if (h != lastH) {
                lastH = Require.positive("h", h);
                sqrtH = Math.sqrt(h);
            }
            return sqrtH * unit();
        }
    }

    /** A model given by its unit-step moments and a sampler factory. */
    private static final class Model implements NoiseModel {
        private final String name;
        private final String description;
        private final boolean scales;
        private final double[] unitMoments;
        private final java.util.function.Function<UniformRandomProvider, NoiseSampler> factory;
        /** Bulk unit-step draws, or null for the default (the sampler at h = 1). */
        private final java.util.function.Function<UniformRandomProvider, UnitDraws> bulk;

        Model(String name, String description, boolean scales, double[] unitMoments,
                java.util.function.Function<UniformRandomProvider, NoiseSampler> factory) {
            this(name, description, scales, unitMoments, factory, null);
        }

        Model(String name, String description, boolean scales, double[] unitMoments,
                java.util.function.Function<UniformRandomProvider, NoiseSampler> factory,
                java.util.function.Function<UniformRandomProvider, UnitDraws> bulk) {
            this.name = name;
            this.description = description;
            this.scales = scales;
            this.unitMoments = unitMoments;
            this.factory = factory;
            this.bulk = bulk;
        }

        @Override
        public UnitDraws unitDraws(UniformRandomProvider rng) {
            return bulk == null ? NoiseModel.super.unitDraws(rng) : bulk.apply(Require.nonNull("rng", rng));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public double moment(int k, double h) {
            if (k < 1 || k > 4) {
                throw new IllegalArgumentException("k = " + k + ": moments of order 1 to 4 are stated");
            }
            return scales ? unitMoments[k - 1] * Math.pow(h, k / 2.0) : unitMoments[k - 1];
        }

        @Override
        public boolean scalesWithStep() {
            return scales;
        }

        @Override
        public NoiseSampler sampler(UniformRandomProvider rng) {
            return factory.apply(Require.nonNull("rng", rng));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
