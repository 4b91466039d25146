package org.sde4j.cli.spark;

import org.sde4j.cli.experiment.HighamExperiments;
import org.sde4j.error.ConvergenceStudy;
import org.sde4j.error.Studies;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.StrongNorm;
import org.sde4j.spark.JobSpec;

/**
 * The study of {@code sde4j convergence}, as a recipe made of names and numbers, so that it can travel to Spark
 * executors ({@code --spark}) and be built the same way in one JVM ({@link Studies#strong}, {@link Studies#weak}).
 *
 * @param problem        the library problem's name, or null for the experiment's problem
 * @param experiment     the Higham experiment's name, or null
 * @param scheme         the scheme's registry name
 * @param weak           weak (else strong) errors
 * @param functional     weak errors: {@code x} or {@code x^2}
 * @param settings       levels, paths, seed, threads, what to compare with
 * @param norm           strong errors: the norm
 * @param controlVariate weak errors: use the exact solution as control variate when possible
 * @param twoPoint       weak errors: two-point increments
 */
record LibraryStudy(String problem, String experiment, String scheme, boolean weak, String functional,
        Studies.Settings settings, StrongNorm norm, boolean controlVariate, boolean twoPoint) implements JobSpec<ConvergenceResult> {

    /** The problem, converted to the scheme's calculus. */
    PreparedProblem prepared() {
        Scheme s = Schemes.byName(scheme);
        TestProblem p = problem != null ? Problems.byName(problem) : HighamExperiments.byName(experiment).problem();
        return PreparedProblem.of(p, s);
    }

    @Override
    public ConvergenceStudy<?> create() {
        Scheme s = Schemes.byName(scheme);
        PreparedProblem prepared = prepared();
        return weak ? Studies.weak(prepared, s, functional, settings, controlVariate, twoPoint)
                : Studies.strong(prepared, s, settings, norm);
    }
}
