package org.sde4j.solver.scheme;

import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * A scheme whose step is a {@link StochasticTableau}: the Euler–Maruyama, Runge–Kutta, Rößler and weak
 * schemes. Its tableau drives both the scheme's own {@link Stepper} and the generic {@link
 * org.sde4j.solver.step.BranchStep BranchStep},
 * which advances any {@link org.sde4j.solver.step.VectorSpace VectorSpace} state (blocks of paths, network
 * activations).
 */
public interface TableauScheme extends Scheme {
    /** The scheme's tableau. */
    StochasticTableau tableau();

    /** Derived from the tableau's noise terms ({@link org.sde4j.solver.tableau.StochasticTableau#incrementUse}). */
    @Override
    default IncrementUse incrementUse() {
        return tableau().incrementUse();
    }
}
