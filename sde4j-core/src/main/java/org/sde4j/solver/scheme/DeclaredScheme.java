package org.sde4j.solver.scheme;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Scheme;

/**
 * The declarations every scheme carries, held as data so that a scheme class contains only its step: name,
 * description, calculus, supported noise structures, the {@link Orders} (for example Euler–Maruyama: strong 0.5,
 * but 1.0 for additive noise) and the function evaluations per step.
 */
public abstract class DeclaredScheme implements Scheme {
    private final String name;
    private final String description;
    private final Calculus calculus;
    private final Set<NoiseStructure> supportedNoise;
    private final Orders orders;
    private final int driftEvaluations;
    private final int diffusionEvaluations;

    /**
     * @param orders the declared orders (weak and classical included)
     * @throws IllegalArgumentException when the name is blank or the orders are incomplete
     */
    DeclaredScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            Orders orders, int driftEvaluations, int diffusionEvaluations) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = '" + name + "': a scheme needs a non-blank name");
        }
        if (supportedNoise.isEmpty()) {
            throw new IllegalArgumentException("scheme " + name + ": supportedNoise is empty; name at least one"
                    + " noise structure");
        }
        this.name = name;
        this.description = description;
        this.calculus = calculus;
        this.supportedNoise = Collections.unmodifiableSet(EnumSet.copyOf(supportedNoise));
        this.orders = orders.requireComplete(name);
        this.driftEvaluations = driftEvaluations;
        this.diffusionEvaluations = diffusionEvaluations;
    }

    /**
     * This scheme's own fused block kernel for {@code sde}, if it has one; {@link org.sde4j.solver.engine.BlockSolver
     * BlockSolver} then runs it instead of
     * the generic {@link org.sde4j.solver.engine.BlockTableauStepper BlockTableauStepper} (or, for a scheme without a
     * tableau, runs only it). The scheme chooses,
     * not the engine: a kernel exists only where a measured margin earns it its place, stated in the kernel's javadoc.
     * Called only for an SDE whose noise {@link BlockStepper#fitsNoise fits} and that {@link #checkSupports} accepts.
     *
     * @param sde the SDE
     * @return the kernel's factory, or empty (the default)
     */
    public java.util.Optional<BlockStepper.Factory> fusedBlockKernel(org.sde4j.sde.Sde sde) {
        return java.util.Optional.empty();
    }

    /** The declared orders. */
    /** From the declared {@link Orders}. */
    @Override
    public boolean weakOrderIsLowerBound() {
        return orders.weakIsLowerBound();
    }

    public final Orders orders() {
        return orders;
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
                    + " (it supports " + supportedNoiseLabel() + ")");
        }
        return orders.strongOrder(noise);
    }

    @Override
    public final double weakOrder() {
        return orders.weak();
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
