package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the queryable sources over random configurations (span, tolerance, dimension, query
 * times), each generated from a case seed printed on failure: a value never depends on the query order
 * (bit for bit, compared with a fresh source asked only that query) and increments add up to 1e-12.
 * Deterministic: no statistics.
 */
class QueryableSourceProperties {
    static LongStream caseSeeds() {
        return LongStream.range(0, 25).map(i -> 1_000_003L * i + 17);
    }

    @ParameterizedTest(name = "case seed {0}")
    @MethodSource("caseSeeds")
    void valuesAreIndependentOfQueryOrderAndAddUp(long caseSeed) {
        Random r = new Random(caseSeed);
        double t0 = r.nextDouble() * 4 - 2;
        double t1 = t0 + 0.01 + r.nextDouble() * 10;
        int m = 1 + r.nextInt(3);
        double tol = (t1 - t0) * Math.pow(2, -(2 + r.nextInt(20))) * (0.5 + r.nextDouble());
        long seed = r.nextLong();
        int steps = 1 + r.nextInt(40);
        int levels = r.nextInt(15);
        String context = String.format("case seed %d: [%s, %s], m=%d, tol=%s, steps=%d, levels=%d", caseSeed, t0, t1, m,
                tol, steps, levels);
        List<double[]> queries = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            double a = t0 + (t1 - t0) * r.nextDouble();
            double b = t0 + (t1 - t0) * r.nextDouble();
            double s = Math.min(a, b);
            double t = Math.max(a, b);
            if (t > s) {
                queries.add(new double[] {s, t, 0.5 * (s + t)});
            }
        }
        for (int kind = 0; kind < 3; kind++) {
            BrownianSource warmed = make(kind, t0, t1, m, tol, seed, steps, levels);
            List<double[]> shuffled = new ArrayList<>(queries);
            Collections.shuffle(shuffled, new Random(caseSeed + 1));
            double[] whole = new double[m];
            double[] left = new double[m];
            double[] right = new double[m];
            double[] fresh = new double[m];
            for (double[] q : shuffled) {
                warmed.increment(q[0], q[1], whole);
                warmed.increment(q[0], q[2], left);
                warmed.increment(q[2], q[1], right);
                make(kind, t0, t1, m, tol, seed, steps, levels).increment(q[0], q[1], fresh);
                for (int j = 0; j < m; j++) {
                    assertEquals(fresh[j], whole[j], 0.0, context + " kind " + kind + " order");
                    assertEquals(whole[j], left[j] + right[j], 1e-12, context + " kind " + kind + " additivity");
                }
            }
        }
    }

    private static BrownianSource make(int kind, double t0, double t1, int m, double tol, long seed, int steps,
            int levels) {
        switch (kind) {
            case 0:
                return VirtualBrownianTree.of(t0, t1, tol, m, seed);
            case 1:
                return VirtualBrownianTree.withSpaceTimeLevyArea(t0, t1, tol, m, seed);
            default:
                return RefinableGridPath.sample(t0, t1, steps, m, levels, seed, 3);
        }
    }
}
