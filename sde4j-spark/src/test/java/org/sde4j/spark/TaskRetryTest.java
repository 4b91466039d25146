package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.Ensemble;

/**
 * Faults on {@code local[2,2]} (two cores, a task may fail twice): a task that fails its first attempt is
 * retried by Spark and the result keeps the bits of one JVM, for an ensemble and for a convergence study; a task
 * that fails every attempt fails the run.
 */
class TaskRetryTest {
    /** Attempts that failed on purpose (local mode: the executor is this JVM). */
    static final AtomicInteger INJECTED = new AtomicInteger();
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTesting.context("local[2,2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The recipe of SparkEnsembleTest, failing partition {@code failing}'s attempts below {@code failedAttempts}. */
    static Ensemble failingOnce(int failing, int failedAttempts) {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failing && task.attemptNumber() < failedAttempts) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of partition " + failing + ", attempt "
                    + task.attemptNumber());
        }
        return SparkEnsembleTest.blockEnsemble();
    }

    @Test
    void aTaskFailingItsFirstAttemptIsRetriedAndTheBitsStayTheSame() {
        INJECTED.set(0);
        var distributed = SparkJob.on(spark, () -> failingOnce(1, 1)).partitions(4).run();
        assertEquals(1, INJECTED.get(), "partition 1's first attempt failed on purpose, once");
        SparkTesting.assertSameBits(SparkEnsembleTest.blockEnsemble().run(), distributed, "after a retry");
    }

    /** {@link SparkConvergenceTest#strongStudy()}, failing partition {@code failing}'s first attempt. */
    static org.sde4j.error.ConvergenceStudy<?> studyFailingOnce(int failing) {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failing && task.attemptNumber() < 1) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of partition " + failing + ", attempt "
                    + task.attemptNumber());
        }
        return SparkConvergenceTest.strongStudy();
    }

    @Test
    void aStudyTaskFailingItsFirstAttemptIsRetriedAndTheBitsStayTheSame() {
        INJECTED.set(0);
        var distributed = SparkJob.on(spark, () -> studyFailingOnce(2)).partitions(4).run();
        assertEquals(1, INJECTED.get(), "partition 2's first attempt failed on purpose, once");
        SparkTesting.assertSameBits(SparkConvergenceTest.strongStudy().run(), distributed, "study after a retry");
    }

    @Test
    void aTaskFailingEveryAttemptFailsTheRun() {
        INJECTED.set(0);
        SparkException e = assertThrows(SparkException.class,
                () -> SparkJob.on(spark, () -> failingOnce(2, 2)).partitions(4).run());
        assertEquals(2, INJECTED.get(), "two attempts (spark.task.maxFailures = 2 in local[2,2])");
        assertTrue(e.getMessage().contains("injected failure of partition 2"), e.getMessage());
    }
}
