package org.sde4j.montecarlo;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.sde4j.sde.Require;

/**
 * Folds the {@link Shard}s of one run, handed over in any order, into the run's result — bit-identical to
 * {@link ChunkRunner#run}, because it replays the same fold over the same parts in chunk order.
 *
 * <p>A shard that arrives before its predecessors waits until they come; shards in order are folded at once and
 * dropped, so the memory is that of the shards that arrived early. The first failed shard in chunk order makes
 * {@link #result()} throw its exception, the one a run in one JVM throws. Not thread-safe.
 *
 * <pre>{@code
 * ShardMerger<EnsembleResult> merger = ensemble.merger();
 * for (Shard shard : shardsInAnyOrder) merger.add(shard);
 * EnsembleResult r = merger.result();
 * }</pre>
 *
 * @param <R> the run's result
 */
public final class ShardMerger<R> {
    private final String identity;
    private final long chunks;
    private final ChunkPlan.Fold<Serializable, R> fold;
    private final TreeMap<Long, Shard> early = new TreeMap<>();
    private final long started = System.nanoTime();
    private long next;
    private RuntimeException failure;
    private R result;

    @SuppressWarnings("unchecked")
    private ShardMerger(ChunkPlan<?, R> plan) {
        this.identity = plan.identity();
        this.chunks = plan.chunkCount();
        // The identity check in add() guarantees that every part is of the plan's part type.
        this.fold = (ChunkPlan.Fold<Serializable, R>) plan.newFold();
    }

    /**
     * A merger for the shards of {@code plan}'s run.
     *
     * @param plan the plan
     * @param <R>  the result
     * @return a new merger
     */
    public static <R> ShardMerger<R> of(ChunkPlan<?, R> plan) {
        return new ShardMerger<>(Require.nonNull("plan", plan));
    }

    /**
     * Adds one shard.
     *
     * @param shard a shard of this merger's run
     * @throws IllegalArgumentException when the shard belongs to another run (another {@link ChunkPlan#identity()}
     *                                  or chunk count) or overlaps a shard already added
     */
    public void add(Shard shard) {
        Require.nonNull("shard", shard);
        if (!shard.identity().equals(identity) || shard.totalChunks() != chunks) {
            throw new IllegalArgumentException("shard " + shard + ": must be a shard of this merger's run, "
                    + chunks + " chunks of " + identity);
        }
        long from = shard.firstChunk();
        long to = shard.endChunk();
        Map.Entry<Long, Shard> before = early.floorEntry(from);
        Long after = early.ceilingKey(from);
        if (from < next || (before != null && before.getValue().endChunk() > from) || (after != null && after < to)) {
            throw new IllegalArgumentException("shard of chunks [" + from + ", " + to + ") overlaps chunks already"
                    + " added (folded up to chunk " + next + ", waiting: " + early.keySet() + ")");
        }
        early.put(from, shard);
        while (!early.isEmpty() && early.firstKey() == next) {
            fold(early.pollFirstEntry().getValue());
        }
    }

    /** @return the number of chunks folded so far (every chunk before it has arrived) */
    public long foldedChunks() {
        return next;
    }

    /** @return the number of shards waiting for an earlier one */
    public int waiting() {
        return early.size();
    }

    /**
     * The result of the whole run; its wall time is the time since this merger was created. Called again, it
     * returns the same object.
     *
     * @return the result
     * @throws RuntimeException      the failure of the lowest failing chunk (the one a run in one JVM throws)
     * @throws IllegalStateException when chunks are missing
     */
    public R result() {
        if (failure != null) {
            throw failure;
        }
        if (next != chunks) {
            Long waiting = early.isEmpty() ? null : early.firstKey();
            throw new IllegalStateException("chunks [" + next + ", " + (waiting == null ? chunks : waiting) + ") of "
                    + chunks + " are missing: add the shards that cover them");
        }
        if (result == null) {
            result = fold.result((System.nanoTime() - started) * 1e-9);
        }
        return result;
    }

    private void fold(Shard shard) {
        next = shard.endChunk();
        if (failure != null) {
            return;
        }
        if (shard.failure() != null) {
            failure = shard.failure();
            return;
        }
        long chunk = shard.firstChunk();
        for (Serializable part : shard.parts()) {
            fold.add(chunk++, part);
        }
    }
}
