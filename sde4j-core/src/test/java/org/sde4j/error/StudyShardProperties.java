package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sde4j.montecarlo.Shard;
import org.sde4j.montecarlo.ShardMerger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * The sharding contract of convergence studies: for seeded random splits of the chunks into shards, each run
 * with a random thread count, serialised and deserialised, and handed to the merger in a random order of
 * completion, the merged result is bit-identical to {@link ConvergenceStudy#run()} — errors, standard errors,
 * fitted order, its bootstrap interval and the pairwise order — for strong studies (exact solution; reference
 * and norms over saved times) and weak studies (exact expectation with a control variate; reference;
 * two-point increments). {@link StudyShardFailureTest} shows that a naive merge fails these checks.
 */
class StudyShardProperties {
    private static final TestProblem GBM = Problems.gbm();
    private static final Scheme EM = Schemes.byName("euler-maruyama");
    private static final Scheme MILSTEIN = Schemes.byName("milstein");
    private static final double MEAN = 0.5 * Math.exp(1.01);
    private static final Map<String, ConvergenceResult> WHOLE = new ConcurrentHashMap<>();

    /** The studies under test, by name: small path counts, a partial last chunk in each. */
    static Supplier<ConvergenceStudy<?>> study(String name) {
        return switch (name) {
            // 700 paths: 11 chunks of 64, the last of 60.
            case "strong-exact" -> () -> StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).halvings(8, 4)
                    .paths(700).seed(21);
            // 450 paths: 8 chunks; reference solution, RMS over the saved times.
            case "strong-reference-l2" -> () -> StrongError.of(GBM.problem(), EM).reference(MILSTEIN)
                    .referenceRefinement(4).norm(StrongNorm.L2).halvings(4, 3).paths(450).seed(22);
            // 900 paths: 15 chunks; exact expectation and the exact solution as control variate.
            case "weak-control" -> () -> WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(MEAN)
                    .controlVariate(WeakErrorTest.exactSolutionOf(GBM.requireSolution(), MEAN)).halvings(4, 4)
                    .paths(900).seed(23);
            case "weak-reference" -> () -> WeakError.of(GBM.problem(), EM, Functional.square(0)).reference(MILSTEIN)
                    .referenceRefinement(4).halvings(4, 3).paths(500).seed(24);
            case "weak-two-point" -> () -> WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(MEAN)
                    .twoPointIncrements().halvings(4, 3).paths(640).seed(25);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Every study, three seeded generators of splits each. */
    static Stream<Arguments> splits() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("strong-exact", "strong-reference-l2", "weak-control", "weak-reference",
                "weak-two-point")) {
            for (long seed : new long[] {1, 2, 3}) {
                cases.add(Arguments.of(name, seed * 1000 + name.length()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, splits from seed {1}")
    @MethodSource("splits")
    void mergeOfRandomShardsInRandomOrderIsBitIdenticalToRun(String name, long seed) {
        Supplier<ConvergenceStudy<?>> study = study(name);
        ConvergenceResult whole = WHOLE.computeIfAbsent(name, n -> study.get().threads(2).run());
        Random random = new Random(seed);
        for (int trial = 0; trial < 4; trial++) {
            List<Shard> done = randomShards(study, random);
            Collections.shuffle(done, random);
            ShardMerger<ConvergenceResult> merger = study.get().threads(1 + random.nextInt(3)).merger();
            for (Shard shard : done) {
                merger.add(shard);
            }
            assertSameBits(whole, merger.result(), name + ", shards " + done);
        }
    }

    /** A random split of the study's chunks into 1–6 shards, each run with 1–3 threads and serialised. */
    static List<Shard> randomShards(Supplier<ConvergenceStudy<?>> study, Random random) {
        long chunks = study.get().chunkCount();
        TreeSet<Long> cuts = new TreeSet<>();
        int shards = 1 + random.nextInt((int) Math.min(chunks, 6));
        while (cuts.size() < shards - 1) {
            cuts.add(1 + (long) random.nextInt((int) chunks - 1));
        }
        cuts.add(chunks);
        List<Shard> done = new ArrayList<>();
        long from = 0;
        for (long to : cuts) {
            done.add(roundTrip(study.get().threads(1 + random.nextInt(3)).runChunks(from, to)));
            from = to;
        }
        return done;
    }

    static void assertSameBits(ConvergenceResult expected, ConvergenceResult actual, String where) {
        assertEquals(expected.kind(), actual.kind(), where);
        assertEquals(expected.measure(), actual.measure(), where);
        assertEquals(expected.paths(), actual.paths(), where);
        assertEquals(expected.seed(), actual.seed(), where);
        assertArrayEquals(expected.steps(), actual.steps(), where);
        assertArrayEquals(expected.dts(), actual.dts(), 0.0, where);
        assertArrayEquals(expected.evaluations(), actual.evaluations(), where);
        assertArrayEquals(bits(expected.errors()), bits(actual.errors()), where + ": errors");
        assertArrayEquals(bits(expected.standardErrors()), bits(actual.standardErrors()), where + ": standard errors");
        OrderEstimate e = expected.order();
        OrderEstimate a = actual.order();
        assertArrayEquals(bits(e.order(), e.low(), e.high(), e.pairwise()), bits(a.order(), a.low(), a.high(),
                a.pairwise()), where + ": order " + e + " vs " + a);
        assertEquals(e.resamples(), a.resamples(), where);
        assertArrayEquals(e.zeroLevels(), a.zeroLevels(), where);
    }

    static long[] bits(double... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("serialisation round trip failed", e);
        }
    }
}
