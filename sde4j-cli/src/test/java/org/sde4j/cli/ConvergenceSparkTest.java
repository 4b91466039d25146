package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sde4j convergence --spark}: the same JSON as in one JVM — errors, standard errors, order and interval to
 * the last digit — plus {@code partitions}; a partition count without {@code --spark} or above the chunk count is
 * a one-line usage error.
 */
class ConvergenceSparkTest {
    private static MainTest.Run convergence(String... extra) {
        List<String> args = new ArrayList<>(List.of("convergence", "--json", "--problem", "gbm", "--paths", "700",
                "--levels", "3", "--coarsest", "8", "--seed", "3"));
        args.addAll(List.of(extra));
        return MainTest.run(args.toArray(String[]::new));
    }

    private static void assertSameJson(MainTest.Run local, MainTest.Run spark, int partitions) {
        assertEquals(0, local.code(), local.err());
        assertEquals(0, spark.code(), spark.err());
        Map<String, Object> one = JsonReader.object(local.out());
        Map<String, Object> distributed = JsonReader.object(spark.out());
        assertEquals((double) partitions, ((Number) distributed.remove("partitions")).doubleValue());
        for (String timing : List.of("seconds", "cpuSeconds")) {
            one.remove(timing);
            distributed.remove(timing);
        }
        assertEquals(one, distributed, "every other key, to the last digit");
    }

    @Test
    void strongAndWeakStudiesPrintTheSameJsonPlusPartitions() {
        assertSameJson(convergence(), convergence("--spark", "local[2]", "--partitions", "4"), 4);
        assertSameJson(convergence("--kind", "weak"), convergence("--kind", "weak", "--spark", "local[2]"), 2);
    }

    @Test
    void partitionCountsOutsideOneToTheChunksAreOneLineUsageErrors() {
        MainTest.Run alone = convergence("--partitions", "3");
        assertEquals(2, alone.code());
        assertEquals(List.of("sde4j convergence: --partitions = 3: needs --spark MASTER"), alone.errLines());
        MainTest.Run many = convergence("--spark", "local[2]", "--partitions", "12");
        assertEquals(2, many.code());
        assertEquals(List.of("sde4j convergence: --partitions = 12: at most the number of 64-path chunks, 11"),
                many.errLines());
        MainTest.Run master = convergence("--spark", "mars://olympus");
        assertEquals(2, master.code());
        assertTrue(master.err().contains("--spark = mars://olympus: must be local"), master.err());
    }
}
