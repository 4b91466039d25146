package org.sde4j.problems;

import java.util.Optional;
import java.util.function.DoubleFunction;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.SdeProblem;

/**
 * A named problem of the library: an {@link SdeProblem}, a description with its source, and what is
 * known exactly about it — the pathwise solution {@code X(t) = F(t, W_t)}, the mean {@code E X(t)} and
 * the variance {@code Var X(t)} (per component), each where known. Immutable.
 */
public final class TestProblem {
    private final String name;
    private final String description;
    private final SdeProblem problem;
    private final PathwiseSolution solution;
    private final DoubleFunction<double[]> exactMean;
    private final DoubleFunction<double[]> exactVariance;
    private final String driftDominated;

    TestProblem(String name, String description, SdeProblem problem, PathwiseSolution solution,
            DoubleFunction<double[]> exactMean, DoubleFunction<double[]> exactVariance) {
        this(name, description, problem, solution, exactMean, exactVariance, null);
    }

    private TestProblem(String name, String description, SdeProblem problem, PathwiseSolution solution,
            DoubleFunction<double[]> exactMean, DoubleFunction<double[]> exactVariance, String driftDominated) {
        this.name = name;
        this.description = description;
        this.problem = problem;
        this.solution = solution;
        this.exactMean = exactMean;
        this.exactVariance = exactVariance;
        this.driftDominated = driftDominated;
    }

    /** The same problem, declared drift-dominated for the given reason ({@link #driftDominated()}). */
    TestProblem withDriftDominated(String reason) {
        return new TestProblem(name, description, problem, solution, exactMean, exactVariance, reason);
    }

    /**
     * Why, when so, this problem's strong errors at moderate steps (h ≥ 2⁻⁹ on its span) are dominated by the error
     * of the drift part: then a scheme of strong order γ and classical order p &gt; γ shows an observed strong order
     * between γ and p (up to p where its noise part is exact), so a strong-order test can check only that band.
     * Empty for problems whose noise dominates.
     */
    public Optional<String> driftDominated() {
        return Optional.ofNullable(driftDominated);
    }

    /** The declared noise structure of the SDE. */
    public NoiseStructure noise() {
        return problem.sde().noise();
    }

    /** The calculus the SDE is written in (Itô for every library problem). */
    public Calculus calculus() {
        return problem.sde().calculus();
    }

    /** The registry name, e.g. {@code "gbm"}. */
    public String name() {
        return name;
    }

    /** The equation, its parameters and its source, in one line. */
    public String description() {
        return description;
    }

    /** The problem: SDE, initial state, time span. */
    public SdeProblem problem() {
        return problem;
    }

    /** The exact solution as a function of {@code (t, W_t)}, when known. */
    public Optional<PathwiseSolution> solution() {
        return Optional.ofNullable(solution);
    }

    /**
     * The exact solution on a path.
     *
     * @throws IllegalStateException when this problem has no pathwise exact solution
     */
    public void exactSolution(double t, double[] w, double[] out) {
        if (solution == null) {
            throw new IllegalStateException("problem " + name + " has no exact pathwise solution: compare with a"
                    + " reference solution on the same Brownian path instead");
        }
        solution.value(t, w, out);
    }

    /** The exact mean {@code E X(t)}, when known. */
    public Optional<double[]> exactMean(double t) {
        return exactMean == null ? Optional.empty() : Optional.of(exactMean.apply(t));
    }

    /** The exact variance {@code Var X_i(t)} per component, when known. */
    public Optional<double[]> exactVariance(double t) {
        return exactVariance == null ? Optional.empty() : Optional.of(exactVariance.apply(t));
    }

    /**
     * The exact pathwise solution, for an exact-solution error.
     *
     * @throws IllegalArgumentException when this problem has none, saying what to use instead
     */
    public PathwiseSolution requireSolution() {
        if (solution == null) {
            throw new IllegalArgumentException("problem = " + name + ": has no exact pathwise solution, so an"
                    + " exact-solution error is not available; measure against a reference solution on the same"
                    + " Brownian path instead");
        }
        return solution;
    }

    @Override
    public String toString() {
        return name;
    }
}
