package org.sde4j.cli;

import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;

/**
 * A library problem in the form a scheme solves. When the scheme approximates another calculus than
 * the one the problem is written in (a Stratonovich scheme on the library's Itô problems), the SDE is
 * {@linkplain Sde#convertedTo converted}: the drift changes by the Itô–Stratonovich correction, so the
 * process — and with it the exact solution and exact mean — stays the same.
 *
 * @param source    the library problem
 * @param problem   the problem to hand to the scheme
 * @param converted whether {@code problem} is {@code source}'s process rewritten in the scheme's calculus
 */
record PreparedProblem(TestProblem source, SdeProblem problem, boolean converted) {

    /**
     * @throws IllegalArgumentException when the SDE cannot be converted (no diffusion derivative, or a
     *                                  noise structure without a componentwise correction)
     */
    static PreparedProblem of(TestProblem source, Scheme scheme) {
        SdeProblem original = source.problem();
        Sde sde = original.sde();
        if (sde.calculus() == scheme.calculus()) {
            return new PreparedProblem(source, original, false);
        }
        return new PreparedProblem(source, original.withSde(sde.convertedTo(scheme.calculus())), true);
    }

    /** The SDE as solved. */
    Sde sde() {
        return problem.sde();
    }

    /** "solved in Stratonovich form of the same process", or the empty string when not converted. */
    String conversionNote() {
        return converted ? "solved in " + sde().calculus().displayName() + " form of the same process" : "";
    }
}
