package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.multilevel.Coupling;
import org.sde4j.multilevel.GbmFormulas;
import org.sde4j.multilevel.LevelSums;
import org.sde4j.multilevel.Multilevel;
import org.sde4j.multilevel.Payoff;
import org.sde4j.multilevel.RandomisedQmc;

/**
 * Issue 29, item 5: the samples of a multilevel level ({@code LevelJob}) and the points of a randomised QMC run shard
 * over Spark ({@code local[2]}, 1 to 5 partitions) and merge to the bits of one JVM.
 */
class SparkMultilevelTest {
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

    /** Chunks [10, 22) of level 4 (16 fine, 8 coarse Milstein steps) of Giles' European call. */
    static org.sde4j.montecarlo.MonteCarloJob<LevelSums> europeanLevel() {
        GbmFormulas g = GbmFormulas.GILES;
        return Multilevel.of(g.problem(), Coupling.MILSTEIN, Payoff.europeanCall(1, g.discount())).seed(7)
                .levelJob(4, 10, 12);
    }

    /** Level 3 of the lookback call, whose bridge minimum draws extra normals per step. */
    static org.sde4j.montecarlo.MonteCarloJob<LevelSums> lookbackLevel() {
        return Multilevel.of(GbmFormulas.GILES.problem(), Coupling.EULER_MARUYAMA, Payoff.lookbackCall(1)).seed(3)
                .levelJob(3, 0, 9);
    }

    static org.sde4j.montecarlo.MonteCarloJob<RandomisedQmc.Result> qmc() {
        GbmFormulas g = GbmFormulas.GILES;
        return RandomisedQmc.of(g.problem(), Coupling.MILSTEIN, Payoff.europeanCall(1, g.discount())).steps(32)
                .points(1024).randomisations(8).seed(11);
    }

    @Test
    void levelSamplesShardedOverSparkHaveTheBitsOfOneJvm() {
        for (JobSpec<LevelSums> spec : java.util.List.<JobSpec<LevelSums>>of(SparkMultilevelTest::europeanLevel,
                SparkMultilevelTest::lookbackLevel)) {
            LevelSums whole = spec.create().run();
            for (int partitions : new int[] {1, 3, 5}) {
                LevelSums distributed = SparkJob.on(spark, spec).partitions(partitions).run();
                assertTrue(whole.sameSums(distributed), partitions + " partitions: " + whole + " vs " + distributed);
            }
        }
    }

    @Test
    void randomisedQmcShardedOverSparkHasTheBitsOfOneJvm() {
        RandomisedQmc.Result whole = qmc().run();
        for (int partitions : new int[] {1, 4}) {
            RandomisedQmc.Result distributed = SparkJob.on(spark, SparkMultilevelTest::qmc).partitions(partitions).run();
            assertArrayEquals(SparkTesting.bits(whole.means()), SparkTesting.bits(distributed.means()),
                    partitions + " partitions");
            assertArrayEquals(SparkTesting.bits(whole.estimate(), whole.standardError(), whole.pathVariance()),
                    SparkTesting.bits(distributed.estimate(), distributed.standardError(), distributed.pathVariance()),
                    partitions + " partitions");
        }
    }
}
