package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sde4j.error.StudyShardProperties.bits;
import static org.sde4j.error.StudyShardProperties.roundTrip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.sde4j.montecarlo.Shard;
import org.sde4j.montecarlo.ShardMerger;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.SolveDivergedException;

/**
 * What the sharding properties guard against, and how shards fail: a naive merge changes the bits (so
 * {@link StudyShardProperties} can fail), a divergence in a shard is the divergence {@code run()} reports, and
 * shards that do not fit together are refused.
 */
class StudyShardFailureTest {
    private static final int[][] SPLIT = {{0, 4}, {4, 9}, {9, 15}};

    private static List<Shard> shards(Supplier<ConvergenceStudy<?>> study) {
        List<Shard> shards = new ArrayList<>();
        for (int[] range : SPLIT) {
            shards.add(roundTrip(study.get().runChunks(range[0], range[1])));
        }
        return shards;
    }

    /** A shard's rows of samples, in path order. */
    static double[] samples(Shard shard) {
        return shard.parts().stream().flatMapToDouble(p -> java.util.Arrays.stream(((Samples) p).values())).toArray();
    }

    private static boolean sameBits(ConvergenceResult a, ConvergenceResult b) {
        OrderEstimate x = a.order();
        OrderEstimate y = b.order();
        return Arrays.equals(bits(a.errors()), bits(b.errors()))
                && Arrays.equals(bits(a.standardErrors()), bits(b.standardErrors()))
                && Arrays.equals(bits(x.order(), x.low(), x.high(), x.pairwise()),
                        bits(y.order(), y.low(), y.high(), y.pairwise()));
    }

    /**
     * A merger that appended shards in their order of arrival (here: last shard first) would feed the running
     * means and the bootstrap's path indices other rows: the result changes, so the property would catch it.
     */
    @Test
    void concatenatingShardsInArrivalOrderChangesTheBits() {
        Supplier<ConvergenceStudy<?>> study = StudyShardProperties.study("weak-control");
        ConvergenceResult whole = study.get().run();
        List<Shard> arrived = shards(study);
        java.util.Collections.reverse(arrived);
        int width = study.get().width();
        double[] appended = new double[Math.toIntExact(whole.paths() * width)];
        int position = 0;
        for (Shard shard : arrived) {
            double[] rows = samples(shard);
            System.arraycopy(rows, 0, appended, position, rows.length);
            position += rows.length;
        }
        ConvergenceResult naive = study.get().finisher().finish(appended, new double[4], 0);
        assertArrayEquals(whole.errors(), naive.errors(), 1e-12, "the same numbers in another order");
        assertFalse(sameBits(whole, naive), "appending in arrival order should change some bits:\n" + whole + naive);

        ShardMerger<ConvergenceResult> merger = study.get().merger();
        arrived.forEach(merger::add);
        assertTrue(sameBits(whole, merger.result()), "the merger places the rows at their paths");
    }

    /**
     * Pooling each shard's own mean error, {@code Σ n_k m_k / Σ n_k} — exact in real arithmetic — is not the running
     * mean over all paths that {@code run()} computes: the last bits differ.
     */
    @Test
    void poolingPerShardMeansChangesTheBits() {
        Supplier<ConvergenceStudy<?>> study = StudyShardProperties.study("strong-exact");
        ConvergenceResult whole = study.get().run();
        int levels = whole.steps().length;
        double[] pooled = new double[levels];
        List<Shard> shards = new ArrayList<>();
        for (int[] range : new int[][] {{0, 3}, {3, 7}, {7, 11}}) {
            shards.add(roundTrip(study.get().runChunks(range[0], range[1])));
        }
        for (Shard shard : shards) {
            double[] errors = new double[levels];
            new MeanEstimator(samples(shard), study.get().width(), 0, levels).estimate(null, errors, null);
            for (int l = 0; l < levels; l++) {
                pooled[l] += errors[l] * (samples(shard).length / study.get().width()) / whole.paths();
            }
        }
        assertArrayEquals(whole.errors(), pooled, 1e-12, "equal in real arithmetic");
        assertFalse(Arrays.equals(bits(whole.errors()), bits(pooled)), "pooling should change some last bits");
    }

    @Test
    void theMergerThrowsTheDivergenceThatRunThrows() {
        Sde explosive = Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x);
        SdeProblem problem = SdeProblem.of(explosive, 1.0, 0, 2);
        Supplier<ConvergenceStudy<?>> study = () -> StrongError.of(problem, Schemes.byName("euler-maruyama"))
                .reference(Schemes.byName("euler-maruyama")).referenceRefinement(2).halvings(50, 3).paths(1000).seed(1);
        SolveDivergedException expected = assertThrows(SolveDivergedException.class, () -> study.get().run());
        long chunks = study.get().chunkCount();
        ShardMerger<ConvergenceResult> merger = study.get().merger();
        int failed = 0;
        for (long c = chunks - 1; c >= 0; c--) { // last shard first: a later divergence must not hide the earlier
            Shard shard = roundTrip(study.get().runChunks(c, c + 1));
            failed += shard.failure() != null ? 1 : 0;
            merger.add(shard);
        }
        assertTrue(failed >= 2, "several chunks diverge, so the merger must choose: " + failed);
        SolveDivergedException merged = assertThrows(SolveDivergedException.class, merger::result);
        assertEquals(expected.getMessage(), merged.getMessage());
        assertEquals(expected.path(), merged.path());
        assertEquals(expected.step(), merged.step());
        assertEquals(expected.time(), merged.time(), 0.0);
    }

    @Test
    void badRangesAndMissingOverlappingOrForeignShardsAreRefused() {
        Supplier<ConvergenceStudy<?>> study = StudyShardProperties.study("strong-exact");
        assertEquals(11, study.get().chunkCount());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> study.get().runChunks(2, 2));
        assertTrue(empty.getMessage().startsWith("chunks [2, 2): must be a non-empty range within [0, 11)"),
                empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> study.get().runChunks(10, 12));
        assertThrows(IllegalArgumentException.class, () -> study.get().runChunks(-1, 1));
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class,
                () -> StrongError.of(Problems.gbm().problem(), Schemes.byName("euler-maruyama")).runChunks(0, 1));
        assertTrue(incomplete.getMessage().startsWith("no solution to compare with"), incomplete.getMessage());

        ShardMerger<ConvergenceResult> merger = study.get().merger();
        merger.add(study.get().runChunks(0, 2));
        merger.add(study.get().runChunks(5, 6));
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> merger.add(study.get().runChunks(1, 3)));
        assertTrue(overlap.getMessage().startsWith("shard of chunks [1, 3) overlaps"), overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> merger.add(study.get().runChunks(4, 6)));
        assertEquals(2, merger.foldedChunks());
        assertEquals(1, merger.waiting());
        IllegalStateException missing = assertThrows(IllegalStateException.class, merger::result);
        assertTrue(missing.getMessage().startsWith("chunks [2, 5) of 11 are missing"), missing.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> merger.add(study.get().seed(99).runChunks(2, 5)));
        assertTrue(foreign.getMessage().contains("seed 99") && foreign.getMessage().contains("seed 21"),
                foreign.getMessage());
        Shard weak = StudyShardProperties.study("weak-reference").get().runChunks(0, 1);
        assertThrows(IllegalArgumentException.class, () -> merger.add(weak));
    }

    @Test
    void aShardOfTheWholeStudyGivesRun() {
        Supplier<ConvergenceStudy<?>> study = StudyShardProperties.study("weak-reference");
        Shard all = roundTrip(study.get().runChunks(0, study.get().chunkCount()));
        ShardMerger<ConvergenceResult> merger = study.get().merger();
        merger.add(all);
        StudyShardProperties.assertSameBits(study.get().run(), merger.result(), "one shard");
        assertEquals(500, samples(all).length / study.get().width());
        assertEquals(0, all.firstChunk());
    }
}
