package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.error.ControlVariate;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.ConvergenceStudy;
import org.sde4j.error.Functional;
import org.sde4j.error.StrongError;
import org.sde4j.error.WeakError;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.SolveDivergedException;

/**
 * Convergence studies on {@code local[2]}: the same bits as one JVM — errors, standard errors, fitted order
 * and bootstrap interval — for any partition count; a diverging path is the one of one JVM; bad input fails at
 * once. (A task failing its first attempt: {@link TaskRetryTest}.)
 */
class SparkConvergenceTest {
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

    /** Euler–Maruyama's strong error on GBM against the exact solution: 1000 paths = 16 chunks, the last of 40. */
    static ConvergenceStudy<?> strongStudy() {
        TestProblem gbm = Problems.gbm();
        return StrongError.of(gbm.problem(), Schemes.byName("euler-maruyama")).exact(gbm.requireSolution())
                .halvings(8, 4).paths(1000).seed(42);
    }

    /** Euler–Maruyama's weak error on GBM for φ(x) = x, with the exact solution as control variate: 800 paths. */
    static ConvergenceStudy<?> weakStudy() {
        TestProblem gbm = Problems.gbm();
        double mean = 0.5 * Math.exp(1.01);
        return WeakError.of(gbm.problem(), Schemes.byName("euler-maruyama"), Functional.component(0))
                .exactExpectation(mean)
                .controlVariate(ControlVariate.ofExactSolution(gbm.requireSolution(), Functional.component(0), 1, mean))
                .halvings(4, 4).paths(800).seed(7);
    }

    @Test
    void aStrongStudyHasTheBitsOfOneJvmForAnyPartitionCount() {
        ConvergenceResult whole = strongStudy().run();
        for (int partitions : new int[] {1, 3, 16}) {
            ConvergenceResult distributed = SparkJob.on(spark, SparkConvergenceTest::strongStudy)
                    .partitions(partitions).run();
            SparkTesting.assertSameBits(whole, distributed, partitions + " partitions");
        }
        SparkJob<ConvergenceResult> defaults = SparkJob.on(spark, SparkConvergenceTest::strongStudy);
        assertEquals(2, defaults.resolvedPartitions(), "local[2]: two tasks for 16 chunks");
        assertEquals(40, defaults.defaultPartitions(10_000), "256 chunks (16384 paths) a task at most");
        SparkTesting.assertSameBits(whole, defaults.run(), "default partitions");
    }

    @Test
    void aWeakStudyThroughTheSessionHasTheBitsOfOneJvm() {
        ConvergenceResult whole = weakStudy().run();
        SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
        ConvergenceResult distributed = SparkJob.on(session, SparkConvergenceTest::weakStudy).partitions(5)
                .threadsPerTask(2).run();
        SparkTesting.assertSameBits(whole, distributed, "weak, 5 partitions of 2 threads");
    }

    @Test
    void aDivergingPathIsReportedWithTheTimeStepAndPathOfOneJvm() {
        JobSpec<ConvergenceResult> spec = () -> StrongError.of(SdeProblem.of(Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x), 1.0, 0, 2),
                Schemes.byName("euler-maruyama")).reference(Schemes.byName("euler-maruyama")).referenceRefinement(2)
                .halvings(50, 3).paths(1000).seed(1);
        SolveDivergedException expected = assertThrows(SolveDivergedException.class, () -> spec.create().run());
        SolveDivergedException distributed = assertThrows(SolveDivergedException.class,
                () -> SparkJob.on(spark, spec).partitions(6).run());
        assertEquals(expected.getMessage(), distributed.getMessage());
        assertEquals(expected.path(), distributed.path());
        assertEquals(expected.step(), distributed.step());
    }

    @Test
    void badInputFailsAtOnceSayingWhatToDo() {
        SdeProblem problem = Problems.gbm().problem(); // lambdas inside: not Serializable
        JobSpec<ConvergenceResult> captured = () -> StrongError.of(problem, Schemes.byName("euler-maruyama"))
                .exact(Problems.gbm().requireSolution()).paths(1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkJob.on(spark, captured));
        assertTrue(e.getMessage().startsWith("the JobSpec ") && e.getMessage().contains("not Serializable")
                && e.getMessage().contains("inside the lambda") && e.getMessage().contains("JobSpec.ofClass"),
                e.getMessage());

        SparkJob<ConvergenceResult> study = SparkJob.on(spark, SparkConvergenceTest::strongStudy);
        assertEquals("partitions = 0: must be positive",
                assertThrows(IllegalArgumentException.class, () -> study.partitions(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.partitions(17).run()).getMessage()
                .startsWith("partitions = 17: at most the number of chunks, 16 (strong study of euler-maruyama: 1000"
                        + " paths in chunks of 64"));
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class,
                () -> SparkJob.on(spark, () -> StrongError.of(SdeProblem.of(Sde.scalar((t, x) -> -x,
                        (t, x) -> 1), 1.0, 0, 1), Schemes.byName("euler-maruyama")).paths(100)).run());
        assertTrue(incomplete.getMessage().startsWith("no solution to compare with"), incomplete.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SparkJob.on(spark, JobSpec.ofClass("no.such.Study")).run());
        assertTrue(missing.getMessage().contains("no.such.Study is not on the classpath"), missing.getMessage());
    }
}
