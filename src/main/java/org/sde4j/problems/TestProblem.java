package org.sde4j.problems;

import java.util.Optional;
import java.util.function.DoubleFunction;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.SdeProblem;

/**
 * A named problem of the library: an {@link SdeProblem}, a description with its source, and what is
 * known exactly about it. Immutable.
 */
public final class TestProblem {
    private final String name;
    private final String description;
    private final SdeProblem problem;
    private final PathwiseSolution solution;
    private final DoubleFunction<double[]> exactMean;

    TestProblem(String name, String description, SdeProblem problem, PathwiseSolution solution,
            DoubleFunction<double[]> exactMean) {
        this.name = name;
        this.description = description;
        this.problem = problem;
        this.solution = solution;
        this.exactMean = exactMean;
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

    @Override
    public String toString() {
        return name;
    }
}
