package org.sde4j.spark;

import java.io.Serializable;
import org.sde4j.error.ConvergenceStudy;

/**
 * A serialisable recipe of a strong or weak convergence study ({@link org.sde4j.error.StrongError},
 * {@link org.sde4j.error.WeakError}), built again on every executor: SDEs, exact solutions and functionals are
 * written with lambdas, which are not serialisable, so what travels is the recipe, not the study.
 *
 * <pre>{@code
 * StudySpec spec = () -> {
 *     TestProblem gbm = Problems.gbm();
 *     return StrongError.of(gbm.problem(), Schemes.byName("euler-maruyama")).exact(gbm.requireSolution())
 *             .halvings(16, 5).paths(100_000).seed(42);
 * };
 * }</pre>
 *
 * <p>The lambda is serialisable because this interface is; it must capture only serialisable values (numbers,
 * strings, arrays of them, serialisable objects) and build the problem inside its body.
 * {@link #checkSerialisable} tells at once, on the driver, when it cannot travel. A class on the executors'
 * classpath can stand in for a lambda: {@link #ofClass}.
 *
 * <p>The recipe must give the same study every time it is called (problem, scheme, levels, paths, seed, what
 * it is measured against): the executors' shards are merged as paths of one study, and the merger refuses a
 * shard of another kind, path count, seed or levels. Its thread count matters only on the driver, for the
 * bootstrap (it never changes the result).
 */
@FunctionalInterface
public interface StudySpec extends Serializable {
    /** Builds the study (on the driver once, and on every executor for its range of chunks). */
    ConvergenceStudy<?> create();

    /**
     * A recipe named by class: {@code className} implements {@code StudySpec}, has a public no-argument
     * constructor, and is on the executors' classpath. Only the name travels.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    static StudySpec ofClass(String className) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("className = " + className + ": must name a class implementing "
                    + StudySpec.class.getName());
        }
        return new NamedSpec(className);
    }

    /**
     * Checks that {@code spec} can be serialised for the executors.
     *
     * @throws IllegalArgumentException when it cannot, naming the class that is not serialisable and what to do
     */
    static void checkSerialisable(StudySpec spec) {
        Recipes.checkSerialisable(spec, StudySpec.class);
    }

    /** {@link #ofClass}: the name travels, the class is loaded where the recipe is used. */
    final class NamedSpec implements StudySpec {
        private static final long serialVersionUID = 1L;
        private final String className;

        NamedSpec(String className) {
            this.className = className;
        }

        @Override
        public ConvergenceStudy<?> create() {
            return Recipes.instantiate(className, StudySpec.class).create();
        }

        @Override
        public String toString() {
            return "StudySpec.ofClass(" + className + ")";
        }
    }
}
