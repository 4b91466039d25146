package org.sde4j.cli;

import java.util.regex.Pattern;

/**
 * The checks of {@code --spark MASTER} that run before any Spark class is loaded: the master's form, and
 * whether Apache Spark is on the classpath at all (it is a provided dependency: bin/sde4j adds
 * {@code sde4j-cli/target/spark-lib} or {@code SDE4J_SPARK_JARS}).
 */
final class SparkOption {
    /** local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT…], yarn, k8s://URL. */
    private static final Pattern MASTER = Pattern.compile("local|local\\[(\\d+|\\*)(,\\d+)?\\]"
            + "|local-cluster\\[\\d+,\\d+,\\d+\\]|spark://[^/:,\\s]+:\\d+(,[^/:,\\s]+:\\d+)*|yarn|k8s://\\S+");

    static final String INSTALL = "run 'mvn -B -q -pl sde4j-cli -am -Pspark-jars -DskipTests package' (copies"
            + " Spark to sde4j-cli/target/spark-lib, which bin/sde4j adds) or set SDE4J_SPARK_JARS to a directory of"
            + " Spark 4 Scala 2.13 jars such as $SPARK_HOME/jars";

    private SparkOption() {
    }

    /**
     * @throws IllegalArgumentException when {@code master} is not a Spark master URL
     */
    static void checkMaster(String master) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--spark = " + master + ": must be local, local[N], local[*], local[N,F],"
                    + " spark://HOST:PORT, yarn or k8s://URL");
        }
    }

    /**
     * @throws IllegalArgumentException when Apache Spark cannot be loaded by {@code loader}, saying what to install
     */
    static void requireSpark(ClassLoader loader) {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark needs Apache Spark on the classpath: " + INSTALL);
        }
    }
}
