package org.sde4j.cli.spark;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sde4j.spark.JobSpec;
import org.sde4j.spark.SparkJob;

/**
 * {@code solve --spark} and {@code convergence --spark}: runs the ensemble or the study with {@link SparkJob}, on a
 * Spark master (the same bits as in one JVM) in a context of its own,
 * stopped afterwards. Loaded only after {@link SparkOption} found Spark.
 * Spark logs errors only (a log4j2 configuration in this jar, unless {@code log4j2.configurationFile} is set).
 * For a master other than local, the jars of the command line (the classpath less the directory named by the
 * system property {@code sde4j.spark.jars}) are sent to the executors.
 */
final class SparkSolve {
    private SparkSolve() {
    }

    /**
     * Runs the job of {@code spec} with {@link SparkJob} on {@code master}, in a Spark context of its own named
     * {@code name}, stopped afterwards.
     */
    static <R> SparkRuns.Ran<R> run(String master, String name, Integer partitions, int threadsPerTask,
            JobSpec<R> spec) {
        return withContext(master, name, context -> {
            SparkJob<R> job = SparkJob.on(context, spec).threadsPerTask(threadsPerTask);
            if (partitions != null) {
                job.partitions(partitions);
            }
            int n = job.resolvedPartitions();
            return new SparkRuns.Ran<>(job.run(), n);
        });
    }

    /** Runs {@code job} in a Spark context of its own on {@code master}, stopped afterwards. */
    private static <T> T withContext(String master, String name, Function<JavaSparkContext, T> job) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            URL quiet = SparkSolve.class.getResource("spark-log4j2.properties");
            if (quiet != null) {
                System.setProperty("log4j2.configurationFile", quiet.toString());
            }
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName(name);
        if (master.startsWith("local")) {
            conf.set("spark.ui.enabled", "false");
        } else {
            conf.set("spark.jars", String.join(",", applicationJars()));
        }
        JavaSparkContext context = new JavaSparkContext(conf);
        try {
            return job.apply(context);
        } finally {
            context.stop();
        }
    }

    /** The jars on the classpath outside the Spark directory bin/sde4j added. */
    private static List<String> applicationJars() {
        String sparkDir = System.getProperty("sde4j.spark.jars");
        Path spark = sparkDir == null ? null : Path.of(sparkDir).toAbsolutePath().normalize();
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (entry.endsWith(".jar") && (spark == null || !p.startsWith(spark))) {
                jars.add(p.toString());
            }
        }
        return jars;
    }
}
