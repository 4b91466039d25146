package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.problems.Problems;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.StepFailedException;

/** Adaptive ensembles on {@code local[2]}: the bits and step counts of one JVM; failures reported as in one JVM. */
class SparkAdaptiveTest {
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

    /** gbm, SRIW1 with its embedded estimate, two saved times; 2000 paths = 8 chunks. */
    static AdaptiveEnsemble adaptive() {
        return AdaptiveEnsemble.of(Problems.gbm().problem(), Schemes.byName("sriw1")).tolerances(1e-2, 1e-2)
                .paths(2000).seed(5).saveAt(0.3);
    }

    @Test
    void anAdaptiveEnsembleHasTheBitsOfOneJvm() {
        AdaptiveEnsembleResult whole = adaptive().run();
        for (int partitions : new int[] {1, 3, 8}) {
            AdaptiveEnsembleResult distributed = SparkJob.on(spark, SparkAdaptiveTest::adaptive).partitions(partitions)
                    .run();
            SparkTesting.assertSameBits(whole.statistics(), distributed.statistics(), partitions + " partitions");
            assertEquals(whole.steps(), distributed.steps());
        }
    }

    @Test
    void failedPathsAreReportedAsInOneJvm() {
        JobSpec<AdaptiveEnsembleResult> spec = () -> AdaptiveEnsemble.of(Problems.gbm().problem(),
                Schemes.byName("milstein")).stepControl(new StepControl(1e-2, 1e-2, Math.scalb(1.0, -8), 1, 1.0 / 64))
                .paths(500).seed(2);
        StepFailedException local = assertThrows(StepFailedException.class, () -> spec.create().run());
        StepFailedException distributed = assertThrows(StepFailedException.class,
                () -> SparkJob.on(spark, spec).partitions(2).run());
        assertTrue(distributed.getMessage().contains(local.getMessage()), distributed.getMessage());
    }
}
