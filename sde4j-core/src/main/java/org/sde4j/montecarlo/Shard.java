package org.sde4j.montecarlo;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parts of a range of chunks {@code [firstChunk, endChunk)} of one run ({@link ChunkRunner#runShard}), chunk
 * by chunk, for a {@link ShardMerger} to fold in chunk order on another thread, process or machine.
 *
 * <p><b>Why chunk by chunk.</b> A fold is not associative in floating point: the pairwise merge of running moments
 * (Chan, Golub &amp; LeVeque 1979) gives {@code (a ⊕ b) ⊕ c} and {@code a ⊕ (b ⊕ c)} that may differ in the last
 * bits, and a bootstrap resamples paths of every shard. So a shard does not pre-fold its chunks; it keeps each
 * chunk's exact part, and the merger replays the fold of one JVM, {@code ((p₀ ⊕ p₁) ⊕ p₂) ⊕ …}.
 *
 * <p><b>Failures travel.</b> When a chunk fails (a path diverged, a step failed, a value was not finite) the shard
 * carries the exception of its lowest failing chunk instead of parts, and the merger throws it when the fold
 * reaches that chunk: the exception a run in one JVM throws, with the same time, step and path. (Spark therefore
 * does not retry a task for a diverging path: the failure is the answer.)
 *
 * <p>Serialisable; immutable.
 */
public final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String identity;
    private final long firstChunk;
    private final long endChunk;
    private final long totalChunks;
    private final ArrayList<Serializable> parts;
    private final RuntimeException failure;
    private final double seconds;

    private Shard(String identity, long firstChunk, long endChunk, long totalChunks, ArrayList<Serializable> parts,
            RuntimeException failure, double seconds) {
        this.identity = identity;
        this.firstChunk = firstChunk;
        this.endChunk = endChunk;
        this.totalChunks = totalChunks;
        this.parts = parts;
        this.failure = failure;
        this.seconds = seconds;
    }

    static Shard of(String identity, long firstChunk, long endChunk, long totalChunks, ArrayList<Serializable> parts,
            double seconds) {
        if (parts.size() != endChunk - firstChunk) {
            throw new IllegalStateException("shard of chunks [" + firstChunk + ", " + endChunk + ") has " + parts.size()
                    + " parts");
        }
        return new Shard(identity, firstChunk, endChunk, totalChunks, parts, null, seconds);
    }

    static Shard failed(String identity, long firstChunk, long endChunk, long totalChunks, RuntimeException failure,
            double seconds) {
        return new Shard(identity, firstChunk, endChunk, totalChunks, null, failure, seconds);
    }

    /** @return what the shard's run is ({@link ChunkPlan#identity()}) */
    public String identity() {
        return identity;
    }

    /** @return the first chunk of the range */
    public long firstChunk() {
        return firstChunk;
    }

    /** @return one past the last chunk of the range */
    public long endChunk() {
        return endChunk;
    }

    /** @return the number of chunks of the whole run */
    public long totalChunks() {
        return totalChunks;
    }

    /** @return the exception of the range's lowest failing chunk, or null when every chunk finished */
    public RuntimeException failure() {
        return failure;
    }

    /** @return the wall time of this shard's run, in seconds */
    public double seconds() {
        return seconds;
    }

    /**
     * The parts, one per chunk in chunk order, as the plan's chunks computed them (for the plan's own package and its
     * tests; users hand shards to a {@link ShardMerger}).
     *
     * @return an unmodifiable view; empty when the shard failed
     */
    public List<Serializable> parts() {
        return parts == null ? List.of() : Collections.unmodifiableList(parts);
    }

    @Override
    public String toString() {
        return "Shard[chunks " + firstChunk + ".." + endChunk + " of " + totalChunks + " of " + identity
                + (failure == null ? "" : ", failed: " + failure.getMessage()) + "]";
    }
}
