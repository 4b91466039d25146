package org.sde4j.cli.spark;

import org.sde4j.sensitivity.GreeksRecipe;
import org.sde4j.sensitivity.Sensitivities;
import org.sde4j.sensitivity.SensitivityResult;
import org.sde4j.spark.JobSpec;

/**
 * The sensitivity job of {@code sde4j greeks} as a Spark recipe: the {@link GreeksRecipe} (names and numbers) travels,
 * and every executor builds the same {@link Sensitivities} from it.
 */
record LibraryGreeks(GreeksRecipe recipe) implements JobSpec<SensitivityResult> {
    @Override
    public Sensitivities create() {
        return recipe.create();
    }
}
