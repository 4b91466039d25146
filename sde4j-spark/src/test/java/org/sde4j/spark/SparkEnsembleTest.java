package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.SolveDivergedException;

/** Ensembles on {@code local[2]}: the same bits as one JVM for any partition count; bad input fails at once. */
class SparkEnsembleTest {
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

    /** Linear 2-d problem, block engine, two saved times, covariance and histogram; 5000 paths = 20 chunks. */
    static Ensemble blockEnsemble() {
        return Ensemble.of(Problems.linear2d().problem(), Schemes.byName("euler-maruyama")).steps(40).paths(5000)
                .seed(11).saveAt(0.5, 1.0).covariance(true).histogram(0, -3, 3, 24);
    }

    @Test
    void blockEngineHasTheBitsOfOneJvmForAnyPartitionCount() {
        EnsembleResult whole = blockEnsemble().run();
        for (int partitions : new int[] {1, 2, 3, 7, 20}) {
            EnsembleResult distributed = SparkJob.on(spark, SparkEnsembleTest::blockEnsemble)
                    .partitions(partitions).run();
            SparkTesting.assertSameBits(whole, distributed, partitions + " partitions");
            assertArrayEquals(whole.histogramAt(1).counts(), distributed.histogramAt(1).counts());
        }
    }

    @Test
    void pathEngineAndTheSessionEntryPointHaveTheBitsOfOneJvm() {
        double drift = 0.05;
        double volatility = 0.4;
        JobSpec<EnsembleResult> spec = () -> Ensemble.of(Problems.gbm(drift, volatility, 1, 1).problem(), Schemes.byName("milstein"))
                .steps(25).paths(3000).seed(9).perPathStreams();
        EnsembleResult whole = spec.create().run();
        SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
        EnsembleResult distributed = SparkJob.on(session, spec).partitions(5).threadsPerTask(2).run();
        SparkTesting.assertSameBits(whole, distributed, "path engine, 5 partitions");
    }

    @Test
    void theDefaultPartitionCountKeepsEveryCoreBusyAndTasksSmall() {
        SparkJob<EnsembleResult> ensemble = SparkJob.on(spark, SparkEnsembleTest::blockEnsemble);
        assertEquals(2, ensemble.resolvedPartitions(), "local[2]: two tasks for 20 chunks");
        assertEquals(1, ensemble.defaultPartitions(1));
        assertEquals(954, ensemble.defaultPartitions(1_000_000_000L / Ensemble.CHUNK + 1), "10^9 paths: 3906251 chunks, 4096 a task");
        SparkTesting.assertSameBits(blockEnsemble().run(), ensemble.run(), "default partitions");
    }

    @Test
    void keptFinalStatesHaveTheBitsOfOneJvm() {
        EnsembleResult whole = blockEnsemble().keepFinalStates(true).run();
        EnsembleResult distributed = SparkJob.on(spark, () -> blockEnsemble().keepFinalStates(true))
                .partitions(3).run();
        SparkTesting.assertSameBits(whole, distributed, "final states kept");
        assertArrayEquals(whole.finalStates(), distributed.finalStates(), 0.0, "every path's final state");
    }

    @Test
    void aDivergingPathIsReportedWithTheTimeStepAndPathOfOneJvm() {
        JobSpec<EnsembleResult> spec = () -> Ensemble.of(SdeProblem.of(Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x), 1.0, 0, 2),
                Schemes.byName("euler-maruyama")).steps(200).paths(5000).seed(1);
        SolveDivergedException expected = assertThrows(SolveDivergedException.class, () -> spec.create().run());
        SolveDivergedException distributed = assertThrows(SolveDivergedException.class,
                () -> SparkJob.on(spark, spec).partitions(6).run());
        assertEquals(expected.getMessage(), distributed.getMessage());
        assertEquals(expected.path(), distributed.path());
        assertEquals(expected.step(), distributed.step());
        assertEquals(expected.time(), distributed.time(), 0.0);
        assertTrue(distributed.getMessage().contains("path " + expected.path()), distributed.getMessage());
    }

    @Test
    void aRecipeThatCannotTravelFailsAtOnceSayingWhatToDo() {
        SdeProblem problem = Problems.gbm().problem(); // lambdas inside: not Serializable
        JobSpec<EnsembleResult> captured = () -> Ensemble.of(problem, Schemes.byName("euler-maruyama")).paths(1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkJob.on(spark, captured));
        assertTrue(e.getMessage().contains("not Serializable") && e.getMessage().contains("inside the lambda")
                && e.getMessage().contains("JobSpec.ofClass"), e.getMessage());
    }

    @Test
    void aRecipeNamedByClassRunsOnTheExecutors() {
        JobSpec<EnsembleResult> named = JobSpec.ofClass(NamedRecipe.class.getName());
        SparkTesting.assertSameBits(new NamedRecipe().create().run(),
                SparkJob.on(spark, named).partitions(3).run(), "named recipe");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SparkJob.on(spark, JobSpec.ofClass("no.such.Recipe")).run());
        assertTrue(missing.getMessage().contains("no.such.Recipe is not on the classpath"), missing.getMessage());
    }

    @Test
    void partitionCountsOutsideOneToTheChunkCountAreRejected() {
        SparkJob<EnsembleResult> ensemble = SparkJob.on(spark, SparkEnsembleTest::blockEnsemble);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ensemble.partitions(0));
        assertEquals("partitions = 0: must be positive", zero.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> ensemble.partitions(21).run());
        assertTrue(many.getMessage().startsWith("partitions = 21: at most the number of chunks, 20 (ensemble of 5000 paths"
                + " in chunks of 256"), many.getMessage());
    }

    /** A recipe named by class, as a user's application jar would hold it. */
    public static final class NamedRecipe implements JobSpec<EnsembleResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public Ensemble create() {
            return Ensemble.of(Problems.ou().problem(), Schemes.byName("euler-maruyama")).steps(20).paths(2000).seed(4);
        }
    }
}
