package org.sde4j.solver;

import java.util.Set;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

/**
 * A numerical scheme for SDEs. It declares what it is — orders, calculus, supported noise
 * structures, cost — and tests measure the declared orders on problems with exact solutions.
 * Immutable; one scheme serves any number of problems and threads through its
 * {@link #newStepper steppers}.
 */
public interface Scheme {
    /** The registry name, lower case with hyphens, e.g. {@code "euler-maruyama"}. */
    String name();

    /** One line: the update formula and its reference. */
    String description();

    /** The calculus whose solution the scheme approximates. */
    Calculus calculus();

    /** The noise structures this scheme handles correctly (see {@link NoiseStructure#isSpecialCaseOf}). */
    Set<NoiseStructure> supportedNoise();

    /**
     * The supported noise structures as text, their lower-case {@linkplain NoiseStructure#label labels} joined by
     * {@code ", "} in the order of {@link #supportedNoise()}, e.g. {@code "scalar, diagonal, additive"}: for messages,
     * {@code bin/sde4j list} and docs/solvers.md.
     */
    default String supportedNoiseLabel() {
        return supportedNoise().stream().map(NoiseStructure::label).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The strong order of convergence {@code γ}, {@code E|X_N − X(T)| = O(h^γ)}, on SDEs of the given
     * structure.
     *
     * @throws IllegalArgumentException when the scheme does not support {@code noise}
     */
    double strongOrder(NoiseStructure noise);

    /**
     * The strong order that every step of this scheme keeps on SDEs of the given structure: {@link #strongOrder},
     * unless some steps are taken by a method of lower order (a switching scheme, such as {@code auto-sosri2}, whose
     * stiff steps are SK-ROCK's). Adaptive stepping needs at least 1 (see {@code PathAdaptiveSolver}).
     *
     * @throws IllegalArgumentException when the scheme does not support {@code noise}
     */
    default double strongOrderOfEveryStep(NoiseStructure noise) {
        return strongOrder(noise);
    }

    /** The weak order {@code β}, {@code |E φ(X_N) − E φ(X(T))| = O(h^β)} for smooth φ. */
    double weakOrder();

    /**
     * Whether {@link #weakOrder()} is only a lower bound (see {@link Orders#weakAtLeast}).
     *
     * @return true when the weak order is declared as "at least"
     */
    default boolean weakOrderIsLowerBound() {
        return false;
    }

    /** Drift evaluations per step. */
    int driftEvaluationsPerStep();

    /** Diffusion evaluations per step (products {@code g · v} or vectors {@code g}). */
    int diffusionEvaluationsPerStep();

    /**
     * Whether each step needs the iterated Itô integrals of the step ({@link
     * org.sde4j.brownian.Increment#iteratedIntegrals()}): then the solver must be driven by an
     * {@link org.sde4j.brownian.IteratedIntegralSource}, and says so clearly otherwise.
     */
    default boolean needsIteratedIntegrals() {
        return false;
    }

    /**
     * Whether each step needs the space-time Lévy area H of the step ({@link
     * org.sde4j.brownian.Increment#spaceTimeLevyArea()}), as the SRA/SRI stochastic Runge–Kutta schemes do:
     * then the solver must be driven by a {@link org.sde4j.brownian.SpaceTimeLevyAreaSource}.
     */
    default boolean needsSpaceTimeLevyArea() {
        return false;
    }

    /**
     * The distribution of the increments that drive this scheme when the caller does not choose one:
     * {@code null} (the default) for Gaussian Brownian increments; the weak schemes name a cheaper
     * discrete law with the moments they need (two-point for weak order 1, three-point for weak order 2).
     */
    default org.sde4j.random.NoiseModel drivingNoise() {
        return null;
    }

    /**
     * How a step reads the Brownian increments, which decides the driving noises it accepts besides independent
     * Brownian motion ({@link NoiseSources}): {@link IncrementUse#OTHER} unless the scheme declares more (a
     * tableau scheme derives it from its noise terms).
     */
    default IncrementUse incrementUse() {
        return IncrementUse.OTHER;
    }

    /**
     * Checks that this scheme can solve {@code sde}.
     *
     * @throws IllegalArgumentException naming the mismatch (calculus, noise structure, a missing
     *                                  derivative) and what to do instead
     */
    default void checkSupports(Sde sde) {
        if (sde.calculus() != calculus() && sde.noise() != NoiseStructure.NONE) {
            throw new IllegalArgumentException("scheme " + name() + " solves " + calculus().displayName()
                    + " SDEs, but this SDE is " + sde.calculus().displayName() + ": choose a scheme for "
                    + sde.calculus().displayName() + " SDEs, or convert the SDE with sde.convertedTo("
                    + "Calculus." + calculus() + ")");
        }
        NoiseStructure noise = sde.noise();
        boolean supported = supportedNoise().stream().anyMatch(noise::isSpecialCaseOf);
        if (!supported) {
            throw new IllegalArgumentException("scheme " + name() + " supports " + supportedNoiseLabel()
                    + " noise, but this SDE has " + noise.label() + " noise");
        }
    }

    /**
     * Binds this scheme to an SDE, allocating the workspace of one thread.
     *
     * @throws IllegalArgumentException when {@link #checkSupports} fails
     */
    Stepper newStepper(Sde sde);
}
