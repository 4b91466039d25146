package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.sensitivity.GreeksRecipe;
import org.sde4j.sensitivity.SensitivityResult;

/**
 * Ensemble sensitivities on {@code local[2]}: a {@link GreeksRecipe} (names and numbers; a ParametricSde holds code
 * and is not serialisable) travels to the executors, and the merged shards give the same bits as one JVM for any
 * partition count, for the pathwise method with Γ on GBM and the block adjoint on Heston (general noise).
 */
class SparkSensitivityTest {
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTesting.context("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void shardsOnSparkHaveTheBitsOfOneJvm() {
        GreeksRecipe[] recipes = {
            new GreeksRecipe("gbm:s0=100,sigma=0.3", "european-call:strike=105", "pathwise", "block", 8, 5000, 21),
            new GreeksRecipe("heston:rho=-0.5", "european-call:strike=1", "adjoint", "block", 16, 3000, 22),
            new GreeksRecipe("gbm", "digital-call:strike=1", "lr", "block", 8, 3000, 23)};
        for (GreeksRecipe recipe : recipes) {
            JobSpec<SensitivityResult> spec = () -> recipe.create();
            JobSpec.checkSerialisable(spec);
            SensitivityResult whole = recipe.create().threads(1).run();
            for (int partitions : new int[] {1, 2, 3, 7}) {
                SensitivityResult distributed = SparkJob.on(spark, spec).partitions(partitions).threadsPerTask(2).run();
                assertTrue(whole.sameBits(distributed), recipe + ", " + partitions + " partitions:\n" + whole + "\n"
                        + distributed);
                assertEquals(recipe.greeks(whole), recipe.greeks(distributed));
            }
        }
    }
}
