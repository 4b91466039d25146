package org.sde4j.solver;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.brownian.CorrelatedBrownianMotion;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.sde.CorrelatedNoise;
import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;

/**
 * The one place that turns (problem, scheme) into the noise the scheme needs, honouring the problem's
 * {@linkplain SdeProblem#noise() driving noise}. {@link org.sde4j.solver.engine.Solver Solver}, the ensembles and the
 * convergence studies
 * all ask here.
 *
 * <p>What a scheme needs ({@link #kind}): plain increments; Wiktorsson iterated integrals when it
 * {@linkplain Scheme#needsIteratedIntegrals needs them} and m ≥ 2; the space-time Lévy area when it
 * {@linkplain Scheme#needsSpaceTimeLevyArea needs it}; and, for plain increments, the scheme's own
 * {@linkplain Scheme#drivingNoise weak driving noise} when it has one. {@link #forScheme} gives the streaming
 * factory of that kind (path i from stream i of the seed).
 *
 * <p>The problem's noise: independent Brownian motion leaves every source as it is (the same objects, streams
 * and bits as before problems carried noise). Correlated noise ({@link CorrelatedNoise}, {@code W = L B}) wraps
 * each independent source B into {@link CorrelatedBrownianMotion} with the factor computed once per problem,
 * and is accepted only by schemes whose {@linkplain Scheme#incrementUse increment use} makes that exact:
 * {@link IncrementUse#LINEAR} always, {@link IncrementUse#COMPONENT_SQUARES} for one channel or diagonal noise
 * with unit variances. A correlation that is exactly the identity counts as independent.
 */
public final class NoiseSources {
    private NoiseSources() {
    }

    /** The Brownian quantities a scheme reads per step, beyond the increments' law. */
    public enum Kind {
        /** ΔW only. */
        INCREMENTS,
        /** ΔW and the space-time Lévy area H (SRA, SRI). */
        SPACE_TIME_LEVY_AREA,
        /** ΔW and the iterated integrals {@code I_(j,k)} of m ≥ 2 channels (general-noise Milstein). */
        ITERATED_INTEGRALS
    }

    /**
     * What {@code schemes} together need from m channels (nulls ignored): one path that serves them all, as a
     * convergence study's stored path must.
     *
     * @throws IllegalArgumentException when one needs the Lévy area and another iterated integrals (no source
     *                                  supplies both)
     */
    public static Kind kind(int m, Scheme... schemes) {
        boolean area = false;
        boolean integrals = false;
        for (Scheme s : schemes) {
            if (s != null) {
                area |= s.needsSpaceTimeLevyArea();
                integrals |= s.needsIteratedIntegrals() && m >= 2;
            }
        }
        if (area && integrals) {
            throw new IllegalArgumentException("the schemes need both space-time Lévy area and iterated integrals;"
                    + " no source supplies both: " + (schemes.length > 1 ? "compare them in separate studies"
                    : "the scheme cannot be driven"));
        }
        return area ? Kind.SPACE_TIME_LEVY_AREA : integrals ? Kind.ITERATED_INTEGRALS : Kind.INCREMENTS;
    }

    /**
     * The streaming source factory that drives {@code scheme} on {@code problem}: the right {@link Kind}, the
     * scheme's own driving noise for plain increments, and the problem's noise law. Path i of an ensemble is
     * {@code forScheme(problem, scheme).create(seed, i, m)}; {@link org.sde4j.solver.engine.Solver#brownian
     * Solver.brownian} is path 0.
     *
     * @throws IllegalArgumentException when the scheme cannot be driven by the problem's noise
     */
    public static BrownianSourceFactory forScheme(SdeProblem problem, Scheme scheme) {
        requireSupported(problem, scheme);
        BrownianSourceFactory independent = switch (kind(problem.sde().noiseDimension(), scheme)) {
            case ITERATED_INTEGRALS -> BrownianSourceFactory.iteratedIntegrals(LevyAreaMethod.WIKTORSSON);
            case SPACE_TIME_LEVY_AREA -> BrownianSourceFactory.gaussianWithLevyArea();
            case INCREMENTS -> scheme.drivingNoise() != null ? BrownianSourceFactory.noise(scheme.drivingNoise())
                    : BrownianSourceFactory.gaussian();
        };
        return honouring(problem, independent);
    }

    /**
     * {@code independent} with the problem's noise law applied to each source it makes: the factory itself for
     * independent noise, else {@code W = L B} per source with the problem's factor.
     *
     * @throws IllegalArgumentException when the problem's law is neither independent nor correlated Brownian
     */
    public static BrownianSourceFactory honouring(SdeProblem problem, BrownianSourceFactory independent) {
        CorrelatedNoise correlated = correlated(problem);
        if (correlated == null) {
            return independent;
        }
        return (seed, path, m) -> CorrelatedBrownianMotion.of(correlated, independent.create(seed, path, m));
    }

    /** {@code independent} with the problem's noise law applied: itself, or {@code W = L B}. */
    public static BrownianSource honouring(SdeProblem problem, BrownianSource independent) {
        CorrelatedNoise correlated = correlated(problem);
        return correlated == null ? independent : CorrelatedBrownianMotion.of(correlated, independent);
    }

    /**
     * The problem's correlated noise, or null when its noise is independent Brownian motion (or a correlation
     * that is exactly the identity).
     *
     * @throws IllegalArgumentException when the law is one no solver here knows
     */
    public static CorrelatedNoise correlated(SdeProblem problem) {
        NoiseProcess noise = problem.noise();
        if (noise.isIndependent()) {
            return null;
        }
        if (noise instanceof CorrelatedNoise c) {
            return c.isIdentity() ? null : c;
        }
        throw new IllegalArgumentException("problem noise = " + noise.description() + ": the solvers take independent"
                + " or correlated Brownian motion");
    }

    /** Whether {@code scheme} can be driven by the problem's noise ({@link #requireSupported} passes). */
    public static boolean supports(SdeProblem problem, Scheme scheme) {
        try {
            requireSupported(problem, scheme);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks that {@code scheme} solves {@code problem} correctly under its noise law (see the class description).
     *
     * @throws IllegalArgumentException naming the scheme, the law and what would work
     */
    public static void requireSupported(SdeProblem problem, Scheme scheme) {
        CorrelatedNoise correlated = correlated(problem);
        if (correlated == null) {
            return;
        }
        NoiseStructure structure = problem.sde().noise();
        int m = problem.sde().noiseDimension();
        switch (scheme.incrementUse()) {
            case LINEAR -> {
            }
            case COMPONENT_SQUARES -> {
                if (m != 1 && structure != NoiseStructure.DIAGONAL) {
                    throw new IllegalArgumentException("scheme " + scheme.name() + " reads ΔW_i² per channel, which"
                            + " stays exact under correlated noise only for one channel or diagonal noise, but this SDE"
                            + " has " + structure.label() + " noise with m = " + m + ": use a scheme that reads ΔW"
                            + " only through g·ΔW (euler-maruyama, heun, ...)");
                }
                if (!correlated.unitVariances()) {
                    throw new IllegalArgumentException("scheme " + scheme.name() + " reads ΔW_i² − h, which needs"
                            + " unit variances, but the noise has covariance diagonal "
                            + diagonal(correlated) + ": give a correlation and put the scales σ_i into the"
                            + " diffusion, or use a scheme that reads ΔW only through g·ΔW");
                }
            }
            case OTHER -> throw new IllegalArgumentException("scheme " + scheme.name() + " reads per-channel"
                    + " iterated integrals, Lévy areas or other terms that correlated noise would change (increment"
                    + " use " + scheme.incrementUse() + "), so it cannot be driven by " + correlated.description()
                    + ": use a scheme that reads ΔW only through g·ΔW (euler-maruyama, heun, midpoint, euler-heun,"
                    + " weak-euler) or, for diagonal noise, milstein, milstein-df or platen-weak2");
            default -> throw new IllegalStateException("increment use " + scheme.incrementUse());
        }
    }

    private static String diagonal(CorrelatedNoise noise) {
        double[][] c = noise.covariance();
        double[] d = new double[c.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = c[i][i];
        }
        return java.util.Arrays.toString(d);
    }
}
