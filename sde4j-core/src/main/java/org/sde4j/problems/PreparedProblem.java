package org.sde4j.problems;

import java.util.Objects;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;

/**
 * A library problem in the form a scheme solves. When the scheme approximates another calculus than
 * the one the problem is written in (a Stratonovich scheme on the library's Itô problems), the SDE is
 * {@linkplain Sde#convertedTo converted}: the drift changes by the Itô–Stratonovich correction
 * {@code f ∓ ½ Σ_j (∂g_j/∂x) g_j}, so the process — and with it the exact solution and exact mean — stays
 * the same (Kloeden &amp; Platen 1992, §4.9).
 *
 * <pre>{@code
 * PreparedProblem p = PreparedProblem.of(Problems.byName("gbm"), Schemes.byName("milstein-strat"));
 * p.problem();   // the Stratonovich form of the same geometric Brownian motion
 * }</pre>
 *
 * @param source    the library problem
 * @param problem   the problem to hand to the scheme
 * @param converted whether {@code problem} is {@code source}'s process rewritten in the scheme's calculus
 */
public record PreparedProblem(TestProblem source, SdeProblem problem, boolean converted) {

    /**
     * @throws NullPointerException when {@code source} or {@code problem} is null
     */
    public PreparedProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * {@code source} in the calculus of {@code scheme}: unchanged when they agree, else converted.
     *
     * @param source the library problem
     * @param scheme the scheme that will solve it
     * @return the problem as {@code scheme} solves it
     * @throws IllegalArgumentException when the SDE cannot be converted (no diffusion derivative, or a
     *                                  noise structure without a componentwise correction)
     */
    public static PreparedProblem of(TestProblem source, Scheme scheme) {
        SdeProblem original = source.problem();
        Sde sde = original.sde();
        if (sde.calculus() == scheme.calculus()) {
            return new PreparedProblem(source, original, false);
        }
        return new PreparedProblem(source, original.withSde(sde.convertedTo(scheme.calculus())), true);
    }

    /**
     * The SDE as solved.
     *
     * @return {@code problem().sde()}
     */
    public Sde sde() {
        return problem.sde();
    }

    /**
     * A note for output.
     *
     * @return "solved in Stratonovich form of the same process", or the empty string when not converted
     */
    public String conversionNote() {
        return converted ? "solved in " + sde().calculus().displayName() + " form of the same process" : "";
    }
}
