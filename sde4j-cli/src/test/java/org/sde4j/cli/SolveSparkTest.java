package org.sde4j.cli;

import org.sde4j.cli.spark.SparkOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sde4j solve --spark}: the same JSON as in one JVM plus {@code partitions}; a bad master, an absent
 * Spark and a bad partition count are one-line usage errors (exit code 2).
 */
class SolveSparkTest {
    private static final String[] SOLVE = {"solve", "--json", "--problem", "linear-2d", "--scheme", "euler-maruyama",
        "--paths", "3000", "--seed", "7", "--steps", "30"};

    private static MainTest.Run solve(String... extra) {
        List<String> args = new ArrayList<>(List.of(SOLVE));
        args.addAll(List.of(extra));
        return MainTest.run(args.toArray(String[]::new));
    }

    /** Both ran; the Spark JSON is the local one, to the last digit, plus "partitions": 5 (timings aside). */
    private static void assertSameJsonPlusFivePartitions(MainTest.Run local, MainTest.Run spark, String what) {
        assertEquals(0, local.code(), local.err());
        assertEquals(0, spark.code(), spark.err());
        Map<String, Object> one = JsonReader.object(local.out());
        Map<String, Object> distributed = JsonReader.object(spark.out());
        assertEquals(5.0, ((Number) distributed.remove("partitions")).doubleValue());
        for (String timing : List.of("seconds", "threads")) {
            one.remove(timing);
            distributed.remove(timing);
        }
        assertEquals(one, distributed, "every other key, to the last digit " + what);
    }

    @Test
    void sparkPrintsTheSameJsonPlusPartitions() {
        MainTest.Run local = solve();
        MainTest.Run spark = solve("--spark", "local[2]", "--partitions", "5");
        assertSameJsonPlusFivePartitions(local, spark, "");
        assertTrue(spark.out().trim().endsWith(",\"partitions\":5}"), spark.out());
    }

    @Test
    void modelsOnSparkPrintTheSameJsonPlusPartitions() {
        for (List<String> model : List.of(List.of("--model", "gbm", "--jumps", "merton:lambda=2"),
                List.of("--model", "gbm:sigma=0.3", "--barrier", "down-and-out:level=90", "--steps", "16"),
                List.of("--model", "heston:steps=8"))) {
            List<String> args = new ArrayList<>(List.of("solve", "--json", "--paths", "5000", "--seed", "7"));
            args.addAll(model);
            MainTest.Run local = MainTest.run(args.toArray(String[]::new));
            args.addAll(List.of("--spark", "local[2]", "--partitions", "5"));
            MainTest.Run spark = MainTest.run(args.toArray(String[]::new));
            assertSameJsonPlusFivePartitions(local, spark, model.toString());
        }
        MainTest.Run many = MainTest.run("solve", "--model", "gbm", "--paths", "5000", "--spark", "local[2]",
                "--partitions", "6");
        assertEquals(2, many.code());
        assertEquals(List.of("sde4j solve: --partitions = 6: at most the number of 1024-path chunks, 5"),
                many.errLines());
    }

    @Test
    void anUnknownMasterIsAOneLineUsageError() {
        MainTest.Run r = solve("--spark", "mars://olympus");
        assertEquals(2, r.code());
        assertEquals(List.of("sde4j solve: --spark = mars://olympus: must be local, local[N], local[*], local[N,F],"
                + " spark://HOST:PORT, yarn or k8s://URL"), r.errLines());
    }

    @Test
    void partitionCountsOutsideOneToTheChunksAreOneLineUsageErrors() {
        MainTest.Run zero = solve("--spark", "local[2]", "--partitions", "0");
        assertEquals(2, zero.code());
        assertEquals(List.of("sde4j solve: --partitions = 0: must be positive"), zero.errLines());
        MainTest.Run many = solve("--spark", "local[2]", "--partitions", "13");
        assertEquals(2, many.code());
        assertEquals(List.of("sde4j solve: --partitions = 13: at most the number of 256-path chunks, 12"),
                many.errLines());
        MainTest.Run alone = solve("--partitions", "3");
        assertEquals(2, alone.code());
        assertEquals(List.of("sde4j solve: --partitions = 3: needs --spark MASTER"), alone.errLines());
    }

    @Test
    void sparkAbsentFromTheClasspathSaysWhatToInstall() throws Exception {
        try (URLClassLoader withoutSpark = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkOption.requireSpark(withoutSpark));
            assertTrue(e.getMessage().startsWith("--spark needs Apache Spark on the classpath: run 'mvn -B -q -pl"
                    + " sde4j-cli -am -Pspark-jars -DskipTests package'") && e.getMessage().contains("SDE4J_SPARK_JARS"),
                    e.getMessage());
        }
        SparkOption.requireSpark(SolveSparkTest.class.getClassLoader());
    }
}
