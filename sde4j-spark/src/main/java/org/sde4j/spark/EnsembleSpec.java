package org.sde4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.sde4j.ensemble.Ensemble;

/**
 * A serialisable recipe of an {@link Ensemble}, built again on every executor: SDEs are written with
 * lambdas, which are not serialisable, so what travels is the recipe, not the ensemble.
 *
 * <pre>{@code
 * EnsembleSpec spec = () -> Ensemble.of(Problems.gbm(0.05, 0.2, 1, 1).problem(), Schemes.byName("milstein"))
 *         .steps(64).paths(100_000_000L).seed(42);
 * }</pre>
 *
 * <p>The lambda is serialisable because this interface is; it must capture only serialisable values
 * (numbers, strings, arrays of them, serialisable objects) and build the problem inside its body.
 * {@link #checkSerialisable} tells at once, on the driver, when it cannot travel. A class on the executors'
 * classpath can stand in for a lambda: {@link #ofClass}.
 *
 * <p>The recipe must give the same ensemble every time it is called (same problem, scheme, grid, paths,
 * seed, statistics): the executors' shards are merged as chunks of one ensemble. Its thread count does not
 * matter (every executor sets its own).
 */
@FunctionalInterface
public interface EnsembleSpec extends Serializable {
    /** Builds the ensemble (on the driver once, and on every executor for its range of chunks). */
    Ensemble create();

    /**
     * A recipe named by class: {@code className} implements {@code EnsembleSpec} and has a public no-argument
     * constructor, and is on the executors' classpath (in the application jar, or {@code spark.jars}).
     * Only the name travels; the class is loaded where the recipe is used.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    static EnsembleSpec ofClass(String className) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("className = " + className + ": must name a class implementing "
                    + EnsembleSpec.class.getName());
        }
        return new NamedSpec(className);
    }

    /**
     * Checks that {@code spec} can be serialised for the executors.
     *
     * @throws IllegalArgumentException when it cannot, naming the class that is not serialisable and what to do
     */
    static void checkSerialisable(EnsembleSpec spec) {
        Recipes.checkSerialisable(spec, EnsembleSpec.class);
    }

    /** The serialised size of {@code spec} in bytes (what each task carries). */
    static int serialisedSize(EnsembleSpec spec) {
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
    final class NamedSpec implements EnsembleSpec {
        private static final long serialVersionUID = 1L;
        private final String className;

        NamedSpec(String className) {
            this.className = className;
        }

        @Override
        public Ensemble create() {
            return Recipes.instantiate(className, EnsembleSpec.class).create();
        }

        @Override
        public String toString() {
            return "EnsembleSpec.ofClass(" + className + ")";
        }
    }
}
