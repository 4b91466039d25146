package org.sde4j.cli.spark;

import org.sde4j.ensemble.Ensemble;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.spark.JobSpec;

/**
 * The ensemble of {@code sde4j solve}, as a recipe made of names and numbers, so that it can travel to Spark
 * executors ({@code --spark}) and be built the same way in one JVM: a library problem by name (converted to the
 * scheme's calculus, {@link PreparedProblem}), a scheme by name, {@code steps} uniform steps or step size
 * {@code dt} (when not null), {@code paths} paths and a root seed.
 */
record LibraryEnsemble(String problem, String scheme, int steps, Double dt, long paths, long seed)
        implements JobSpec<EnsembleResult> {

    @Override
    public Ensemble create() {
        Scheme s = Schemes.byName(scheme);
        PreparedProblem prepared = PreparedProblem.of(Problems.byName(problem), s);
        Ensemble ensemble = Ensemble.of(prepared.problem(), s).paths(paths).seed(seed);
        return dt != null ? ensemble.stepSize(dt) : ensemble.steps(steps);
    }
}
