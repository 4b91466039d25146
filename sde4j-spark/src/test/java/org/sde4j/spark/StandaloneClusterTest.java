package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
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

/**
 * A real cluster on this machine: a standalone master and one worker, separate JVMs on 127.0.0.1; the
 * ensemble runs in the worker's executor JVM and has the bits of one JVM. Everything started is stopped
 * afterwards, also when a start fails.
 */
class StandaloneClusterTest {
    private static StandaloneCluster cluster;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() throws IOException {
        cluster = StandaloneCluster.start(2);
        try {
            SparkConf conf = SparkTesting.conf(cluster.masterUrl())
                    .set("spark.executor.memory", "512m")
                    .set("spark.cores.max", "2")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", StandaloneCluster.addOpens());
            spark = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void anEnsembleOnTheClusterHasTheBitsOfOneJvm() {
        EnsembleResult whole = SparkEnsembleTest.blockEnsemble().run();
        try {
            EnsembleResult distributed = SparkJob.on(spark, SparkEnsembleTest::blockEnsemble).partitions(5).run();
            SparkTesting.assertSameBits(whole, distributed, "standalone cluster, 5 partitions");
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("cluster run failed; logs:\n" + cluster.logs(), e);
        }
    }

    @Test
    void aDivergingPathOnTheClusterIsReportedAsInOneJvm() {
        JobSpec<EnsembleResult> spec = () -> Ensemble.of(SdeProblem.of(Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x), 1.0, 0, 2),
                Schemes.byName("euler-maruyama")).steps(200).paths(5000).seed(1);
        SolveDivergedException expected = assertThrows(SolveDivergedException.class, () -> spec.create().run());
        SolveDivergedException distributed = assertThrows(SolveDivergedException.class,
                () -> SparkJob.on(spark, spec).partitions(4).run());
        assertEquals(expected.getMessage(), distributed.getMessage());
    }

    @Test
    void aPathEngineEnsembleWithOddSizesHasTheBitsOfOneJvm() {
        JobSpec<EnsembleResult> spec = () -> Ensemble.of(Problems.gbm().problem(), Schemes.byName("milstein")).steps(16)
                .paths(1001).seed(3).perPathStreams();
        SparkTesting.assertSameBits(spec.create().run(), SparkJob.on(spark, spec).partitions(3).run(),
                "path engine on the cluster");
    }
}
