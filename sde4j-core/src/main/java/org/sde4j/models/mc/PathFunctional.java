package org.sde4j.models.mc;

/**
 * What one path of a {@link PathAverageJob} computes: a recipe for per-thread evaluators. The values of path p must
 * depend on {@code (seed, p)} only (every random number from a stream keyed by them), never on the thread or on the
 * paths evaluated before.
 */
@FunctionalInterface
public interface PathFunctional {
    /**
     * A new evaluator, owned by one thread (it may keep scratch arrays and a re-keyable stream).
     *
     * @return the evaluator
     */
    Evaluator newEvaluator();

    /** Evaluates paths one at a time on one thread. */
    @FunctionalInterface
    interface Evaluator {
        /**
         * @param seed the job's root seed
         * @param path the path index
         * @param out  the path's values, length {@link PathAverageJob#outputs()} (overwritten)
         */
        void evaluate(long seed, long path, double[] out);
    }
}
