package org.sde4j.solver;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;

/**
 * The declarations every scheme carries, held as data so that a scheme class contains only its step.
 * The strong order is {@code strongOrder} in general and {@code strongOrderSpecial} on the noise
 * structures in {@code special} (for example Euler–Maruyama: 0.5, but 1.0 for additive noise).
 */
abstract class DeclaredScheme implements Scheme {
    private final String name;
    private final String description;
    private final Calculus calculus;
    private final Set<NoiseStructure> supportedNoise;
    private final double strongOrder;
    private final Set<NoiseStructure> special;
    private final double strongOrderSpecial;
    private final double deterministicOrder;
    private final double weakOrder;
    private final int driftEvaluations;
    private final int diffusionEvaluations;

    DeclaredScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            double strongOrder, Set<NoiseStructure> special, double strongOrderSpecial, double weakOrder,
            int driftEvaluations, int diffusionEvaluations) {
        this(name, description, calculus, supportedNoise, strongOrder, special, strongOrderSpecial,
                special.isEmpty() ? strongOrder : Math.max(strongOrder, strongOrderSpecial), weakOrder,
                driftEvaluations, diffusionEvaluations);
    }

    /**
     * @param deterministicOrder the order on ODEs ({@link NoiseStructure#NONE}), where the strong order is
     *                           the classical order of the drift part
     */
    DeclaredScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            double strongOrder, Set<NoiseStructure> special, double strongOrderSpecial, double deterministicOrder,
            double weakOrder, int driftEvaluations, int diffusionEvaluations) {
        this.deterministicOrder = deterministicOrder;
        this.name = name;
        this.description = description;
        this.calculus = calculus;
        this.supportedNoise = Collections.unmodifiableSet(EnumSet.copyOf(supportedNoise));
        this.strongOrder = strongOrder;
        this.special = special.isEmpty() ? Collections.emptySet() : EnumSet.copyOf(special);
        this.strongOrderSpecial = strongOrderSpecial;
        this.weakOrder = weakOrder;
        this.driftEvaluations = driftEvaluations;
        this.diffusionEvaluations = diffusionEvaluations;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Calculus calculus() {
        return calculus;
    }

    @Override
    public final Set<NoiseStructure> supportedNoise() {
        return supportedNoise;
    }

    @Override
    public final double strongOrder(NoiseStructure noise) {
        if (supportedNoise.stream().noneMatch(noise::isSpecialCaseOf)) {
            throw new IllegalArgumentException("noise = " + noise.label() + ": scheme " + name + " does not support it"
                    + " (it supports " + Schemes.labels(supportedNoise) + ")");
        }
        if (noise == NoiseStructure.NONE) {
            return deterministicOrder;
        }
        return special.stream().anyMatch(noise::isSpecialCaseOf) ? strongOrderSpecial : strongOrder;
    }

    @Override
    public final double weakOrder() {
        return weakOrder;
    }

    @Override
    public final int driftEvaluationsPerStep() {
        return driftEvaluations;
    }

    @Override
    public final int diffusionEvaluationsPerStep() {
        return diffusionEvaluations;
    }

    @Override
    public String toString() {
        return name;
    }
}
