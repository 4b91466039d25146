package org.sde4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.sde4j.montecarlo.MonteCarloJob;

/**
 * A serialisable recipe of a Monte Carlo job — an ensemble, a strong or weak error study — built again on every
 * executor: SDEs are written with lambdas, which are not serialisable, so what travels is the recipe, not the job.
 *
 * <pre>{@code
 * JobSpec<EnsembleResult> ensemble = () -> Ensemble.of(Problems.gbm(0.05, 0.2, 1, 1).problem(),
 *         Schemes.byName("milstein")).steps(64).paths(100_000_000L).seed(42);
 * JobSpec<ConvergenceResult> study = () -> StrongError.of(Problems.gbm().problem(), Schemes.byName("euler-maruyama"))
 *         .exact(Problems.gbm().requireSolution()).halvings(16, 5).paths(200_000).seed(42);
 * }</pre>
 *
 * <p>The lambda is serialisable because this interface is; it must capture only serialisable values (numbers,
 * strings, arrays of them, serialisable objects) and build the problem inside its body. {@link #checkSerialisable}
 * tells at once, on the driver, when it cannot travel. A class on the executors' classpath can stand in for a
 * lambda: {@link #ofClass}.
 *
 * <p>The recipe must give the same job every time it is called (same problem, scheme, grid, paths, seed,
 * statistics): the executors' shards are merged as chunks of one run, and a shard of another run is refused. Its
 * thread count does not matter (every task sets its own).
 *
 * @param <R> the job's result
 */
@FunctionalInterface
public interface JobSpec<R> extends Serializable {
    /**
     * Builds the job (on the driver once, and on every executor for its range of chunks).
     *
     * @return the job
     */
    MonteCarloJob<R> create();

    /**
     * A recipe named by class: {@code className} implements {@code JobSpec} and has a public no-argument constructor,
     * and is on the executors' classpath (in the application jar, or {@code spark.jars}). Only the name travels; the
     * class is loaded where the recipe is used.
     *
     * @param className the recipe's class
     * @param <R>       the job's result
     * @return the recipe
     * @throws IllegalArgumentException when the name is blank
     */
    static <R> JobSpec<R> ofClass(String className) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("className = " + className + ": must name a class implementing "
                    + JobSpec.class.getName());
        }
        return new NamedSpec<>(className);
    }

    /**
     * Checks that {@code spec} can be serialised for the executors.
     *
     * @param spec the recipe
     * @throws IllegalArgumentException when it cannot, naming the class that is not serialisable and what to do
     */
    static void checkSerialisable(JobSpec<?> spec) {
        Recipes.checkSerialisable(spec, JobSpec.class);
    }

    /**
     * The serialised size of {@code spec} in bytes (what each task carries).
     *
     * @param spec the recipe
     * @return its size
     */
    static int serialisedSize(JobSpec<?> spec) {
        checkSerialisable(spec);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        } catch (IOException e) {
            throw new IllegalStateException("serialising " + spec + " failed", e);
        }
        return bytes.size();
    }

    /** {@link #ofClass}: the name travels, the class is loaded where the recipe is used. */
    final class NamedSpec<R> implements JobSpec<R> {
        private static final long serialVersionUID = 1L;
        private final String className;

        NamedSpec(String className) {
            this.className = className;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MonteCarloJob<R> create() {
            return Recipes.instantiate(className, JobSpec.class).create();
        }

        @Override
        public String toString() {
            return "JobSpec.ofClass(" + className + ")";
        }
    }
}
