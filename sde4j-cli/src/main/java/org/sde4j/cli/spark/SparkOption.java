package org.sde4j.cli.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code --spark MASTER} that run before any Spark class is loaded: the master's form, and
 * whether Apache Spark is on the classpath at all (it is a provided dependency: bin/sde4j adds
 * {@code sde4j-cli/target/spark-lib} or {@code SDE4J_SPARK_JARS}).
 */
public final class SparkOption {
    /** The system property of the longest wait, in seconds, for a master to answer (default 20). */
    public static final String CONNECT_TIMEOUT = "sde4j.spark.connectTimeout";

    /** local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT…], yarn, k8s://URL. */
    private static final Pattern MASTER = Pattern.compile("local|local\\[(\\d+|\\*)(,\\d+)?\\]"
            + "|local-cluster\\[\\d+,\\d+,\\d+\\]|spark://[^/:,\\s]+:\\d+(,[^/:,\\s]+:\\d+)*|yarn|k8s://\\S+");

    public static final String INSTALL = "run 'mvn -B -q -pl sde4j-cli -am -Pspark-jars -DskipTests package' (copies"
            + " Spark to sde4j-cli/target/spark-lib, which bin/sde4j adds) or set SDE4J_SPARK_JARS to a directory of"
            + " Spark 4 Scala 2.13 jars such as $SPARK_HOME/jars";

    private SparkOption() {
    }

    /**
     * @throws IllegalArgumentException when {@code master} is not a Spark master URL
     */
    public static void checkMaster(String master) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--spark = " + org.sde4j.cli.output.Messages.cut(master) + ": must be"
                    + " local, local[N], local[*], local[N,F], spark://HOST:PORT, yarn or k8s://URL");
        }
        Matcher n = Pattern.compile("local\\[(\\d+)").matcher(master);
        if (n.lookingAt() && !n.group(1).matches("0*[1-9]\\d{0,3}")) {
            throw new IllegalArgumentException("--spark = " + master + ": local[N] needs N from 1 to 9999 threads");
        }
    }

    /**
     * Checks, within a bounded wait, that a cluster master can be reached, before Spark starts (Spark itself
     * retries for about a minute and then fails with a stack trace): every HOST:PORT of {@code spark://} must
     * accept a connection within the seconds of the system property {@value #CONNECT_TIMEOUT} (default 20);
     * {@code yarn} and {@code k8s://}
     * need Spark's YARN or Kubernetes module, which sde4j does not ship.
     *
     * @throws IllegalArgumentException naming the master and what failed
     */
    public static void checkReachable(String master) {
        if (master.equals("yarn")) {
            requireClass("org.apache.spark.deploy.yarn.YarnClusterManager", master, "YARN (spark-yarn)");
        } else if (master.startsWith("k8s://")) {
            requireClass("org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager", master,
                    "Kubernetes (spark-kubernetes)");
        } else if (master.startsWith("spark://")) {
            int millis = timeoutMillis();
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                String host = hostPort.substring(0, colon);
                int port;
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("--spark = " + master + ": port " + hostPort.substring(colon + 1)
                            + " must be 1 to 65535");
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), millis);
                } catch (IOException | IllegalArgumentException | SecurityException e) {
                    throw new IllegalArgumentException("--spark = " + master + ": no Spark master answers at " + hostPort
                            + " within " + millis / 1000.0 + " s (" + e.getMessage() + "); start one as"
                            + " docs/distributed.md shows, or set -D" + CONNECT_TIMEOUT + "=SECONDS");
                }
            }
        }
    }

    private static int timeoutMillis() {
        String value = System.getProperty(CONNECT_TIMEOUT, "20");
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 && seconds <= 3600) {
                return (int) Math.ceil(seconds * 1000);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-D" + CONNECT_TIMEOUT + " = " + value + ": must be a number of seconds,"
                + " more than 0 and at most 3600");
    }

    private static void requireClass(String name, String master, String module) {
        try {
            Class.forName(name, false, SparkOption.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark = " + master + ": needs Spark's " + module + " module, which"
                    + " sde4j does not ship; run a standalone master (spark://HOST:PORT, see docs/distributed.md) or"
                    + " put the module's jars in SDE4J_SPARK_JARS");
        }
    }

    /**
     * @throws IllegalArgumentException when Apache Spark cannot be loaded by {@code loader}, saying what to install
     */
    public static void requireSpark(ClassLoader loader) {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark needs Apache Spark on the classpath: " + INSTALL);
        }
    }
}
