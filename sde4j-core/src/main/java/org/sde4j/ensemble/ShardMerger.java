package org.sde4j.ensemble;

import java.util.Arrays;
import java.util.TreeMap;
import org.sde4j.sde.Require;

/**
 * Folds {@link EnsembleShard}s, handed over in any order, into the {@link EnsembleResult} of the whole
 * ensemble — bit-identical to {@link Ensemble#run()} with the same settings, because it replays the same
 * left-to-right merge of chunk statistics, {@code ((c₀ ⊕ c₁) ⊕ c₂) ⊕ …}, with the exact chunk states the
 * shards carry. Kept final states ({@link Ensemble#keepFinalStates}) are copied to their paths as the chunks are
 * folded; a shard of the whole ensemble is used without a copy.
 *
 * <p>A shard that arrives before its predecessors waits in a buffer until they come; shards in order are
 * folded at once and dropped, so the memory is that of the shards that arrived early. The first failed shard
 * in chunk order (a diverged path) makes {@link #result()} throw its exception, which is the one
 * {@link Ensemble#run()} throws. Not thread-safe.
 *
 * <pre>{@code
 * ShardMerger merger = new ShardMerger();
 * for (EnsembleShard shard : shardsInAnyOrder) merger.add(shard);
 * EnsembleResult r = merger.result();
 * }</pre>
 */
public final class ShardMerger {
    private final TreeMap<Long, EnsembleShard> early = new TreeMap<>();
    private final long started = System.nanoTime();
    private EnsembleShard first;
    private RunningStatistics[] total;
    private Histogram[] histograms;
    private double[] finalStates;
    private RunningStatistics scratch;
    private RuntimeException failure;
    private long nextChunk;
    private double shardSeconds;

    /**
     * Adds one shard.
     *
     * @throws IllegalArgumentException when the shard belongs to another ensemble (other chunk count, saved
     *                                  times, dimension, covariance or histogram layout) or overlaps a shard
     *                                  already added
     */
    public void add(EnsembleShard shard) {
        if (first == null && shard.failure() == null) {
            first = shard;
        }
        checkSameEnsemble(shard);
        if (shard.firstChunk() < nextChunk || early.containsKey(shard.firstChunk())) {
            throw new IllegalArgumentException("shard of chunks [" + shard.firstChunk() + ", " + shard.endChunk()
                    + ") overlaps chunks already added (next expected chunk " + nextChunk + ")");
        }
        early.put(shard.firstChunk(), shard);
        while (!early.isEmpty() && early.firstKey() == nextChunk) {
            fold(early.pollFirstEntry().getValue());
        }
    }

    /** The number of chunks folded so far (all chunks before it have arrived). */
    public long foldedChunks() {
        return nextChunk;
    }

    /** The number of shards waiting for an earlier one. */
    public int waiting() {
        return early.size();
    }

    /**
     * The result of the whole ensemble; its {@link EnsembleResult#seconds()} is the time since this merger
     * was created.
     *
     * @throws org.sde4j.solver.SolveDivergedException when a path diverged (the same as {@link Ensemble#run()})
     * @throws IllegalStateException                   when chunks are missing
     */
    public EnsembleResult result() {
        if (failure != null) {
            throw failure;
        }
        if (first == null || nextChunk != first.totalChunks()) {
            long total = first == null ? -1 : first.totalChunks();
            throw new IllegalStateException("chunks [" + nextChunk + ", " + (total < 0 ? "?" : total)
                    + ") are missing: add the shards that cover them");
        }
        RunningStatistics[] statistics = new RunningStatistics[total.length];
        for (int s = 0; s < total.length; s++) {
            statistics[s] = total[s].emptyLike();
            statistics[s].merge(total[s]);
        }
        Histogram[] copies = null;
        if (histograms != null) {
            copies = new Histogram[histograms.length];
            for (int s = 0; s < copies.length; s++) {
                copies[s] = histograms[s].emptyLike();
                copies[s].merge(histograms[s]);
            }
        }
        return new EnsembleResult(first.times().clone(), statistics, copies, finalStates, first.dimension(),
                (System.nanoTime() - started) * 1e-9);
    }

    /** The sum of the shards' own wall times, in seconds (the work done, whatever ran in parallel). */
    public double shardSeconds() {
        return shardSeconds;
    }

    private void fold(EnsembleShard shard) {
        nextChunk = shard.endChunk();
        shardSeconds += shard.seconds();
        if (failure != null) {
            return;
        }
        if (shard.failure() != null) {
            failure = shard.failure();
            return;
        }
        int saves = shard.saves();
        if (total == null) {
            total = new RunningStatistics[saves];
            for (int s = 0; s < saves; s++) {
                total[s] = new RunningStatistics(shard.dimension(), shard.covariance());
            }
            scratch = new RunningStatistics(shard.dimension(), shard.covariance());
            if (shard.histograms() != null) {
                histograms = new Histogram[saves];
                for (int s = 0; s < saves; s++) {
                    histograms[s] = shard.histograms()[s].emptyLike();
                }
            }
        }
        for (long c = shard.firstChunk(); c < shard.endChunk(); c++) {
            for (int s = 0; s < saves; s++) {
                shard.chunkStatistics(c, s, scratch);
                total[s].merge(scratch);
            }
        }
        if (histograms != null) {
            for (int s = 0; s < saves; s++) {
                histograms[s].merge(shard.histograms()[s]);
            }
        }
        double[] finals = shard.finalStates();
        if (finals != null) {
            if (shard.firstChunk() == 0 && shard.endChunk() == shard.totalChunks()) {
                finalStates = finals;
            } else {
                if (finalStates == null) {
                    int d = shard.dimension();
                    Require.memory("paths = " + shard.totalPaths() + ", d = " + d + ": the merged final states",
                            Require.bytesOf(shard.totalPaths(), d, 8));
                    finalStates = new double[Math.toIntExact(shard.totalPaths() * d)];
                }
                System.arraycopy(finals, 0, finalStates,
                        Math.toIntExact(shard.firstChunk() * Ensemble.CHUNK * shard.dimension()), finals.length);
            }
        }
    }

    private void checkSameEnsemble(EnsembleShard shard) {
        if (first == null || shard == first) {
            return;
        }
        if (shard.totalChunks() != first.totalChunks() || shard.totalPaths() != first.totalPaths()) {
            throw new IllegalArgumentException("shard of an ensemble of " + shard.totalPaths() + " paths: must be of "
                    + first.totalPaths() + " paths like the first shard");
        }
        if (shard.failure() != null) {
            return;
        }
        if (!Arrays.equals(shard.times(), first.times()) || shard.dimension() != first.dimension()
                || shard.covariance() != first.covariance()
                || (shard.histograms() == null) != (first.histograms() == null)
                || shard.hasFinalStates() != first.hasFinalStates()) {
            throw new IllegalArgumentException("shard " + shard + ": its saved times, dimension, covariance,"
                    + " histogram or final states differ from those of the first shard " + first);
        }
    }
}
