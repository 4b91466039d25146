package org.sde4j.sensitivity;

import org.sde4j.gradient.Backpropagation;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.ReversibleHeunGradient;
import org.sde4j.gradient.SdeGradient;
import org.sde4j.gradient.StochasticAdjoint;
import org.sde4j.sde.Calculus;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * A per-path reverse-mode gradient of {@code org.sde4j.gradient} together with the calculus in which it reads the
 * SDE, which the gradient classes themselves leave implicit: backpropagation through a tableau scheme reads the SDE
 * in that scheme's calculus (Itô for Euler–Maruyama and the Itô Milstein, Stratonovich for Heun); reversible Heun and
 * the stochastic adjoint of Li et al. (2020) read it as Stratonovich.
 *
 * <p>{@link #prepare} makes the calculus explicit: an SDE declared in the other calculus is converted
 * ({@link CalculusConversion}) or, when conversion is turned off, refused with a message naming both calculi and the
 * correction. Unconverted, the same drift and diffusion describe different processes, and the gradients differ by
 * the correction's effect (8–18 % on the test problem of issue 32).
 *
 * @param gradient the per-path method
 * @param calculus the calculus in which it reads the SDE
 * @param label    its name in reports
 */
public record AdjointMethod(SdeGradient gradient, Calculus calculus, String label) {
    /**
     * Backpropagation through {@code scheme}, in the scheme's calculus.
     *
     * @throws IllegalArgumentException when the scheme cannot solve SDEs with noise (RK4, any ODE scheme), with the
     *                                  solver's own message
     */
    public static AdjointMethod backpropagation(TableauScheme scheme) {
        boolean noisy = scheme.supportedNoise().stream().anyMatch(n -> n != org.sde4j.sde.NoiseStructure.NONE);
        if (!noisy) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " supports "
                    + org.sde4j.sde.NoiseStructure.NONE.label() + " noise only: a gradient through it would ignore the"
                    + " diffusion (as the solver refuses it, so does the gradient); choose euler-maruyama, milstein-df"
                    + " or heun");
        }
        return new AdjointMethod(Backpropagation.through(scheme), scheme.calculus(),
                "backpropagation through " + scheme.name());
    }

    /**
     * Backpropagation through {@code scheme} with O(√N) memory ({@link CheckpointedBackpropagation}): the same
     * gradient, bit for bit, as {@link #backpropagation}, for one extra forward solve.
     */
    public static AdjointMethod checkpointed(TableauScheme scheme) {
        backpropagation(scheme);
        return new AdjointMethod(CheckpointedBackpropagation.through(scheme), scheme.calculus(),
                "checkpointed backpropagation through " + scheme.name());
    }

    /**
     * Backpropagation through {@code scheme} with binomial checkpointing ({@link RevolveBackpropagation}): the same
     * gradient, bit for bit, as {@link #backpropagation}, in memory and recomputation both of order log N.
     */
    public static AdjointMethod revolve(TableauScheme scheme) {
        backpropagation(scheme);
        return new AdjointMethod(RevolveBackpropagation.through(scheme), scheme.calculus(),
                "revolve (binomial checkpointing) through " + scheme.name());
    }

    /** Reversible Heun's exact O(1)-memory gradient (Stratonovich). */
    public static AdjointMethod reversibleHeun() {
        return new AdjointMethod(ReversibleHeunGradient.reversing(), Calculus.STRATONOVICH, "reversible heun");
    }

    /** The stochastic adjoint of Li et al. (2020), Heun both ways (Stratonovich). */
    public static AdjointMethod stochasticAdjoint() {
        return new AdjointMethod(StochasticAdjoint.INSTANCE, Calculus.STRATONOVICH, "stochastic adjoint");
    }

    /**
     * The adjoint for Itô SDEs (Li et al. 2020, §3.3: the Itô SDE is solved through its Stratonovich form): the stochastic
     * adjoint applied to the SDE converted by {@link CalculusConversion}, so it accepts an Itô SDE as it is. It converges
     * to the pathwise gradient of the Itô SDE, hence to backpropagation through Euler–Maruyama as h → 0; its order is
     * measured by the tests (about 1 for scalar noise, where Euler–Maruyama's own gradient has order ½).
     */
    public static AdjointMethod itoAdjoint() {
        org.sde4j.gradient.SdeGradient ito = (sde, theta, x0, grid, brownian, loss) -> StochasticAdjoint.INSTANCE
                .compute(CalculusConversion.convert(sde, Calculus.ITO, Calculus.STRATONOVICH), theta, x0, grid, brownian,
                        loss);
        return new AdjointMethod(ito, Calculus.ITO, "Itô adjoint (stochastic adjoint of the Stratonovich form)");
    }

    /**
     * The SDE this method must be handed, for an SDE declared in {@code declared}.
     *
     * @param convert whether to convert (else refuse) an SDE declared in the other calculus
     * @throws IllegalArgumentException when the calculi differ and {@code convert} is false, or declared is null
     */
    public ParametricSde prepare(ParametricSde sde, Calculus declared, boolean convert) {
        if (declared == null) {
            throw new IllegalArgumentException("calculus: null; declare the SDE as Calculus.ITO or"
                    + " Calculus.STRATONOVICH, since " + label + " reads it as " + calculus.displayName());
        }
        if (declared == calculus) {
            return sde;
        }
        if (!convert) {
            throw new IllegalArgumentException(label + " reads the SDE as " + calculus.displayName()
                    + ", but it is declared " + declared.displayName() + ": convert it (drift f "
                    + (calculus == Calculus.STRATONOVICH ? "−" : "+") + " ½ Σ g ∂g/∂x, CalculusConversion.convert)"
                    + " or choose a method for " + declared.displayName() + " SDEs");
        }
        return CalculusConversion.convert(sde, declared, calculus);
    }
}
