package org.sde4j.error;

import java.util.List;
import java.util.Optional;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Builds the convergence studies that {@code sde4j convergence} and {@code sde4j tour} run on library
 * problems: what to measure against (the exact solution or expectation when the problem knows it, else a
 * reference on the same paths), which reference scheme, which test function.
 *
 * <pre>{@code
 * PreparedProblem gbm = PreparedProblem.of(Problems.byName("gbm"), EulerMaruyama.INSTANCE);
 * Studies.Settings s = new Studies.Settings(new int[] {16, 32, 64}, 4000, 42, 1, Studies.Against.AUTO, null, 4);
 * ConvergenceResult r = Studies.strong(gbm, EulerMaruyama.INSTANCE, s, StrongNorm.FINAL).run();
 * }</pre>
 */
public final class Studies {
    private Studies() {
    }

    /** What the error is measured against. */
    public enum Against {
        /** The exact solution or expectation when the problem knows it, else a reference. */
        AUTO,
        /** The exact solution or expectation; an error when the problem does not know it. */
        EXACT,
        /** A reference solution on the same paths. */
        REFERENCE
    }

    /**
     * The study's settings (serialisable, so that a recipe holding them can travel to other machines).
     *
     * @param steps      the step counts of the levels
     * @param paths      paths per level
     * @param seed       the seed of the Brownian paths
     * @param threads    worker threads (results do not depend on it)
     * @param against    what the error is measured against
     * @param reference  the reference scheme's registry name, or null for the scheme itself
     * @param refinement how many times finer the reference steps are
     */
    public record Settings(int[] steps, long paths, long seed, int threads, Against against, String reference,
            int refinement) implements java.io.Serializable {
    }

    /**
     * The reference scheme: {@code name} when given, else the scheme itself — its own solution with
     * {@code refinement}× finer steps on the same path, which is as accurate as the scheme can be and
     * never less accurate than the levels it is compared with (a lower-order reference would hide a
     * higher-order scheme's convergence).
     *
     * @param prepared the problem, in the scheme's calculus
     * @param name     the reference scheme's registry name, or null
     * @param scheme   the scheme under study
     * @return the reference scheme
     * @throws IllegalArgumentException when {@code name} is unknown or cannot solve the problem
     */
    public static Scheme reference(PreparedProblem prepared, String name, Scheme scheme) {
        if (name == null) {
            return scheme;
        }
        Scheme s = Schemes.byName(name);
        s.checkSupports(prepared.sde());
        return s;
    }

    /**
     * The strong study of {@code scheme} on a prepared library problem, configured but not run.
     *
     * @param prepared the problem, in the scheme's calculus
     * @param scheme   the scheme under study
     * @param s        the settings
     * @param norm     where along the path the error is measured
     * @return the configured study
     */
    public static StrongError strong(PreparedProblem prepared, Scheme scheme, Settings s, StrongNorm norm) {
        TestProblem problem = prepared.source();
        StrongError study = StrongError.of(prepared.problem(), scheme).norm(norm);
        Optional<PathwiseSolution> exact = problem.solution();
        if (s.against() == Against.EXACT || (s.against() == Against.AUTO && exact.isPresent())) {
            study.exact(problem.requireSolution());
        } else {
            study.reference(reference(prepared, s.reference(), scheme)).referenceRefinement(s.refinement());
        }
        return configure(study, s);
    }

    /**
     * The weak study for {@code φ(x) = x} or {@code x²} (first component). Against the exact expectation
     * when the problem knows the needed moment, with {@code φ(X(T))} of the exact solution as control
     * variate when {@code controlVariate} and a pathwise solution exist; else against a reference.
     *
     * @param prepared       the problem, in the scheme's calculus
     * @param scheme         the scheme under study
     * @param functional     {@code x} or {@code x^2}
     * @param s              the settings
     * @param controlVariate whether to use the exact solution as control variate when possible
     * @param twoPoint       whether the scheme is driven by two-point increments {@code ±√h}
     * @return the configured study
     * @throws IllegalArgumentException when the exact expectation is asked for but not known
     */
    public static WeakError weak(PreparedProblem prepared, Scheme scheme, String functional, Settings s,
            boolean controlVariate, boolean twoPoint) {
        TestProblem problem = prepared.source();
        Functional phi = functional(functional);
        WeakError study = WeakError.of(prepared.problem(), scheme, phi);
        double t1 = prepared.problem().t1();
        Optional<Double> expectation = expectation(problem, functional, t1);
        if (s.against() == Against.EXACT || (s.against() == Against.AUTO && (expectation.isPresent() || twoPoint))) {
            double value = expectation.orElseThrow(() -> new IllegalArgumentException("problem = " + problem.name()
                    + ": E φ(X_T) for φ = " + functional + " is not known exactly; measure against a reference"
                    + " (--against reference)"));
            study.exactExpectation(value);
            if (controlVariate && !twoPoint && problem.solution().isPresent()) {
                study.controlVariate(ControlVariate.ofExactSolution(problem.requireSolution(), phi,
                        prepared.problem().dimension(), value));
            }
        } else {
            study.reference(reference(prepared, s.reference(), scheme)).referenceRefinement(s.refinement());
        }
        if (twoPoint) {
            study.twoPointIncrements();
        }
        return configure(study, s);
    }

    /**
     * {@code φ} by name, of the first component.
     *
     * @param name {@code x} or {@code x^2}
     * @return the functional
     * @throws IllegalArgumentException for any other name
     */
    public static Functional functional(String name) {
        return switch (name) {
            case "x" -> Functional.component(0);
            case "x^2" -> Functional.square(0);
            default -> throw new IllegalArgumentException("functional = " + name + ": unknown; valid are x, x^2"
                    + " (of the first component)");
        };
    }

    /**
     * {@code E φ(X_t)} from the problem's exact mean and variance, when known.
     *
     * @param problem    the library problem
     * @param functional {@code x} or {@code x^2}
     * @param t          the time
     * @return {@code E X_t} or {@code Var X_t + (E X_t)²} of the first component, or empty
     */
    public static Optional<Double> expectation(TestProblem problem, String functional, double t) {
        Optional<double[]> mean = problem.exactMean(t);
        if (functional.equals("x")) {
            return mean.map(m -> m[0]);
        }
        Optional<double[]> variance = problem.exactVariance(t);
        if (mean.isPresent() && variance.isPresent()) {
            return Optional.of(variance.get()[0] + mean.get()[0] * mean.get()[0]);
        }
        return Optional.empty();
    }

    private static <S extends ConvergenceStudy<S>> S configure(S study, Settings s) {
        return study.steps(s.steps()).paths(s.paths()).seed(s.seed()).threads(s.threads());
    }

    /**
     * Runs a study.
     *
     * @param study the configured study
     * @return its result
     */
    public static ConvergenceResult run(ConvergenceStudy<?> study) {
        return study.run();
    }
}
