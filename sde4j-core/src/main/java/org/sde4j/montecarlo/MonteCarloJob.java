package org.sde4j.montecarlo;

/**
 * A job that runs on the chunked runner: an ensemble ({@code org.sde4j.ensemble.Ensemble}), a strong or weak error
 * study ({@code org.sde4j.error}).
 * What it computes is its {@link #plan()}; everything else — threads, shards, the merge, Spark — is the runner's.
 *
 * <pre>{@code
 * MonteCarloJob<EnsembleResult> job = Ensemble.of(problem, scheme).steps(64).paths(1_000_000).seed(42);
 * ShardMerger<EnsembleResult> merger = job.merger();
 * merger.add(job.runChunks(0, 100));                 // anywhere, in any order
 * merger.add(job.runChunks(100, job.chunkCount()));
 * EnsembleResult r = merger.result();                // == job.run(), bit for bit
 * }</pre>
 *
 * @param <R> the result
 */
public interface MonteCarloJob<R> {
    /**
     * The plan of the job as it is set now: a snapshot, not changed by later calls to the job's setters.
     *
     * @return the plan
     * @throws IllegalArgumentException when the job is incomplete or too large for memory
     */
    ChunkPlan<?, R> plan();

    /**
     * The number of threads of runs in this JVM. Never changes the result.
     *
     * @param count a positive number
     * @return this job
     */
    MonteCarloJob<R> threads(int count);

    /**
     * Runs every chunk and folds them in chunk order.
     *
     * @return the result
     */
    R run();

    /**
     * Runs chunks {@code [fromChunk, toChunk)} only, for a {@link #merger()} here or elsewhere.
     *
     * @param fromChunk the first chunk
     * @param toChunk   one past the last
     * @return the shard
     */
    Shard runChunks(long fromChunk, long toChunk);

    /**
     * A merger for this job's shards; its result is bit-identical to {@link #run()}.
     *
     * @return a new merger
     */
    default ShardMerger<R> merger() {
        return ShardMerger.of(plan());
    }

    /**
     * The number of chunks of the job.
     *
     * @return C
     */
    default long chunkCount() {
        return plan().chunkCount();
    }
}
