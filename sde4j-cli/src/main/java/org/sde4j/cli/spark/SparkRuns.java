package org.sde4j.cli.spark;

import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.ConvergenceStudy;
import org.sde4j.error.StrongNorm;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.error.Studies;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.sensitivity.GreeksRecipe;
import org.sde4j.sensitivity.SensitivityResult;

/**
 * The commands' door to the Spark glue of this package ({@code SparkSolve} and its recipes
 * {@code LibraryEnsemble}, {@code LibraryModel} and {@code LibraryStudy}, which travel to the executors): the recipe of a run, built the
 * same way in one JVM and on Spark. Spark classes are loaded only when a {@code spark} method is called.
 */
public final class SparkRuns {
    private SparkRuns() {
    }

    /** The result of a Spark run and the number of partitions (tasks) it ran in. */
    public record Ran<T>(T result, int partitions) {
    }

    /** The ensemble of {@code solve}: a library problem and a scheme by name, steps or a step size (when not null). */
    public static final class EnsembleRecipe {
        private final LibraryEnsemble recipe;

        public EnsembleRecipe(String problem, String scheme, int steps, Double dt, long paths, long seed) {
            recipe = new LibraryEnsemble(problem, scheme, steps, dt, paths, seed);
        }

        /** The ensemble, in this JVM. */
        public Ensemble create() {
            return recipe.create();
        }

        /** The ensemble on Spark. */
        public Ran<EnsembleResult> spark(String master, Integer partitions, int threadsPerTask) {
            return SparkSolve.run(master, "sde4j solve", partitions, threadsPerTask, recipe);
        }
    }

    /** The Monte Carlo job of {@code solve --model}: the specification texts (jumps and barrier may be null). */
    public static final class ModelRecipe {
        private final LibraryModel recipe;

        public ModelRecipe(String model, String jumps, String barrier, long paths, long seed) {
            recipe = new LibraryModel(model, jumps, barrier, paths, seed);
        }

        /** The job, in this JVM. */
        public PathAverageJob create() {
            return recipe.create();
        }

        /** The job on Spark. */
        public Ran<PathAverages> spark(String master, Integer partitions, int threadsPerTask) {
            return SparkSolve.run(master, "sde4j solve --model", partitions, threadsPerTask, recipe);
        }
    }

    /** The study of {@code convergence}; see {@code LibraryStudy} for the fields. */
    public static final class StudyRecipe {
        private final LibraryStudy recipe;

        public StudyRecipe(String problem, String experiment, String scheme, boolean weak, String functional,
                Studies.Settings settings, StrongNorm norm, boolean controlVariate, boolean twoPoint) {
            recipe = new LibraryStudy(problem, experiment, scheme, weak, functional, settings, norm, controlVariate,
                    twoPoint);
        }

        /** The problem, converted to the scheme's calculus. */
        public PreparedProblem prepared() {
            return recipe.prepared();
        }

        /** The study, in this JVM. */
        public ConvergenceStudy<?> create() {
            return recipe.create();
        }

        /** The study on Spark. */
        public Ran<ConvergenceResult> spark(String master, Integer partitions, int threadsPerTask) {
            return SparkSolve.run(master, "sde4j convergence", partitions, threadsPerTask, recipe);
        }
    }

    /** The sensitivities of {@code greeks} on Spark: the same bits as {@code recipe.create().run()} in one JVM. */
    public static Ran<SensitivityResult> greeks(GreeksRecipe recipe, String master, Integer partitions,
            int threadsPerTask) {
        return SparkSolve.run(master, "sde4j greeks", partitions, threadsPerTask, new LibraryGreeks(recipe));
    }
}
