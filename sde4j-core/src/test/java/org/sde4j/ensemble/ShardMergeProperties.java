package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.sde4j.montecarlo.Shard;
import org.sde4j.montecarlo.ShardMerger;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.SolveDivergedException;

/**
 * The sharding contract: for seeded random splits of the chunks into shards, run with random thread counts,
 * serialised and deserialised, and handed to the merger in a random order of completion, the merge is
 * bit-identical to {@link Ensemble#run()} — counts, means, variances, minima, maxima, covariances and
 * histograms, at every saved time, and every path's kept final state ({@link Ensemble#keepFinalStates}), on the
 * block engine and on the path engine.
 */
class ShardMergeProperties {
    private static final int SPLITS = 12;

    @Test
    void blockEngineMergeIsBitIdenticalToRunForRandomSplitsAndOrders() {
        SdeProblem problem = Problems.linear2d().problem();
        // 5000 paths: 20 chunks, the last one partial.
        Supplier<Ensemble> ensemble = () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(40).paths(5000).seed(11)
                .saveAt(0.25, 1.0).covariance(true).histogram(1, -3, 3, 30).keepFinalStates(true);
        checkRandomSplits(ensemble, 101);
    }

    @Test
    void pathEngineMergeIsBitIdenticalToRunForRandomSplitsAndOrders() {
        SdeProblem problem = Problems.gbm().problem();
        Supplier<Ensemble> ensemble = () -> Ensemble.of(problem, Milstein.ITO).steps(30).paths(2000).seed(5)
                .perPathStreams().histogram(0, 0, 4, 16).keepFinalStates(true);
        checkRandomSplits(ensemble, 202);
    }

    /**
     * Why shards carry every chunk: merging each shard's own total instead ({@code (c₀ ⊕ … ⊕ c₉) ⊕ (c₁₀ ⊕ … ⊕ c₁₉)})
     * is the same in real arithmetic but not in floating point; on this ensemble the bits differ, so the
     * properties above would catch a merger that re-associated.
     */
    @Test
    void mergingShardTotalsInsteadOfChunksChangesTheBits() {
        SdeProblem problem = Problems.linear2d().problem();
        Supplier<Ensemble> ensemble = () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(40).paths(5000).seed(11)
                .covariance(true);
        RunningStatistics whole = ensemble.get().run().finalStatistics();
        RunningStatistics reassociated = new RunningStatistics(2, true);
        for (long[] range : new long[][] {{0, 10}, {10, 20}}) {
            Shard shard = ensemble.get().runChunks(range[0], range[1]);
            RunningStatistics shardTotal = new RunningStatistics(2, true);
            for (java.io.Serializable part : shard.parts()) {
                shardTotal.merge(((EnsembleChunk) part).statistics()[0]);
            }
            reassociated.merge(shardTotal);
        }
        assertEquals(whole.count(), reassociated.count());
        assertArrayEquals(whole.mean(), reassociated.mean(), 1e-12, "equal in real arithmetic");
        boolean sameBits = java.util.Arrays.equals(whole.mean(), reassociated.mean())
                && java.util.Arrays.equals(whole.variance(), reassociated.variance())
                && java.util.Arrays.equals(whole.covariance(), reassociated.covariance());
        assertTrue(!sameBits, "re-associating the merge should change some last bits");
    }

    @Test
    void oneChunkAndOneShardCornerCases() {
        SdeProblem problem = Problems.ou().problem();
        Supplier<Ensemble> ensemble = () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(10).paths(100).seed(3);
        EnsembleResult whole = ensemble.get().run();
        ShardMerger<EnsembleResult> merger = ensemble.get().merger();
        merger.add(roundTrip(ensemble.get().runChunks(0, 1)));
        assertSameBits(whole, merger.result(), "one chunk of 100 paths");
    }

    @Test
    void theMergerThrowsTheDivergenceThatRunThrows() {
        Sde explosive = Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x);
        SdeProblem problem = SdeProblem.of(explosive, 1.0, 0, 2);
        Supplier<Ensemble> ensemble = () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(200).paths(5000).seed(1);
        SolveDivergedException expected = assertThrows(SolveDivergedException.class, () -> ensemble.get().run());
        long chunks = ensemble.get().chunkCount();
        ShardMerger<EnsembleResult> merger = ensemble.get().merger();
        // Last shard first: a later divergence must not hide the earlier one.
        for (long c = chunks - 1; c >= 0; c--) {
            Shard shard = roundTrip(ensemble.get().runChunks(c, c + 1));
            merger.add(shard);
        }
        SolveDivergedException merged = assertThrows(SolveDivergedException.class, merger::result);
        assertEquals(expected.getMessage(), merged.getMessage());
        assertEquals(expected.path(), merged.path());
        assertEquals(expected.step(), merged.step());
        assertEquals(expected.time(), merged.time(), 0.0);
    }

    @Test
    void badRangesAndMissingOrOverlappingShardsAreRejected() {
        Supplier<Ensemble> ensemble = () -> Ensemble.of(Problems.ou().problem(), EulerMaruyama.INSTANCE).steps(5)
                .paths(1000).seed(1);
        assertEquals(4, ensemble.get().chunkCount());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ensemble.get().runChunks(2, 2));
        assertTrue(empty.getMessage().contains("[2, 2)") && empty.getMessage().contains("[0, 4)"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ensemble.get().runChunks(3, 5));
        assertThrows(IllegalArgumentException.class, () -> ensemble.get().runChunks(-1, 1));

        ShardMerger<EnsembleResult> merger = ensemble.get().merger();
        merger.add(ensemble.get().runChunks(0, 2));
        assertThrows(IllegalArgumentException.class, () -> merger.add(ensemble.get().runChunks(1, 3)));
        IllegalStateException missing = assertThrows(IllegalStateException.class, merger::result);
        assertTrue(missing.getMessage().startsWith("chunks [2, 4) of 4 are missing"), missing.getMessage());
        ShardMerger<EnsembleResult> other = ensemble.get().merger();
        other.add(ensemble.get().runChunks(0, 1));
        assertThrows(IllegalArgumentException.class, () -> other.add(ensemble.get().paths(2000).runChunks(1, 2)));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> other.add(ensemble.get().keepFinalStates(true).runChunks(1, 2)));
        assertTrue(mixed.getMessage().contains("final states kept"), mixed.getMessage());
    }

    private static void checkRandomSplits(Supplier<Ensemble> ensemble, long seed) {
        EnsembleResult whole = ensemble.get().threads(2).run();
        long chunks = ensemble.get().chunkCount();
        Random random = new Random(seed);
        for (int trial = 0; trial < SPLITS; trial++) {
            TreeSet<Long> cuts = new TreeSet<>();
            int shards = 1 + random.nextInt((int) Math.min(chunks, 8));
            while (cuts.size() < shards - 1) {
                cuts.add(1 + (long) random.nextInt((int) chunks - 1));
            }
            cuts.add(chunks);
            List<Shard> done = new ArrayList<>();
            long from = 0;
            for (long to : cuts) {
                int threads = 1 + random.nextInt(3);
                done.add(roundTrip(ensemble.get().threads(threads).runChunks(from, to)));
                from = to;
            }
            Collections.shuffle(done, random);
            ShardMerger<EnsembleResult> merger = ensemble.get().merger();
            for (Shard shard : done) {
                merger.add(shard);
            }
            assertSameBits(whole, roundTrip(merger.result()), "split " + cuts + ", completion order " + done);
        }
    }

    static void assertSameBits(EnsembleResult expected, EnsembleResult actual, String where) {
        assertArrayEquals(expected.times(), actual.times(), 0.0, where);
        assertEquals(expected.paths(), actual.paths(), where);
        assertEquals(expected.finalStatesArray() == null, actual.finalStatesArray() == null, where + ": final states");
        if (expected.finalStatesArray() != null) {
            assertArrayEquals(expected.finalStates(), actual.finalStates(), 0.0, where + ": final states");
        }
        for (int s = 0; s < expected.times().length; s++) {
            RunningStatistics e = expected.statisticsAt(s);
            RunningStatistics a = actual.statisticsAt(s);
            assertEquals(e.count(), a.count(), where);
            assertArrayEquals(e.mean(), a.mean(), 0.0, where);
            assertArrayEquals(e.variance(), a.variance(), 0.0, where);
            assertArrayEquals(e.min(), a.min(), 0.0, where);
            assertArrayEquals(e.max(), a.max(), 0.0, where);
            if (e.hasCovariance()) {
                assertArrayEquals(e.covariance(), a.covariance(), 0.0, where);
            }
            boolean histogram = true;
            try {
                expected.histogramAt(s);
            } catch (IllegalStateException none) {
                histogram = false;
            }
            if (histogram) {
                assertArrayEquals(expected.histogramAt(s).counts(), actual.histogramAt(s).counts(), where);
                assertEquals(expected.histogramAt(s).below(), actual.histogramAt(s).below(), where);
                assertEquals(expected.histogramAt(s).above(), actual.histogramAt(s).above(), where);
            }
        }
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
