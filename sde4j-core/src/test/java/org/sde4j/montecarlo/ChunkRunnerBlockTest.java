package org.sde4j.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner with workers that compute a block of chunks at once ({@link ChunkPlan.Worker#computeBlock}): the fold
 * sees every chunk once, in order, for any thread count and shard; a block that fails mid-way is reported as the
 * failure of its first chunk not handed over, after every earlier chunk was folded.
 */
class ChunkRunnerBlockTest {
    /** Chunk c's part is c²; blocks of three; the worker throws once it reaches chunk {@code failAt}. */
    private record Squares(long chunks, long failAt) implements ChunkPlan<Long, List<Long>> {
        @Override
        public long chunkCount() {
            return chunks;
        }

        @Override
        public String identity() {
            return "squares of " + chunks;
        }

        @Override
        public int chunksPerBlock() {
            return 3;
        }

        @Override
        public Worker<Long> newWorker() {
            return new Worker<>() {
                @Override
                public Long compute(long chunk) {
                    throw new AssertionError("the runner asks for blocks");
                }

                @Override
                public void computeBlock(long from, long to, Parts<Long> parts) {
                    assertTrue(to - from >= 1 && to - from <= 3, () -> "block [" + from + ", " + to + ")");
                    for (long c = from; c < to; c++) {
                        if (c == failAt) {
                            throw new IllegalStateException("chunk " + c + " failed");
                        }
                        parts.accept(c, c * c, null);
                    }
                }
            };
        }

        @Override
        public Fold<Long, List<Long>> newFold() {
            return new Fold<>() {
                private final List<Long> seen = new ArrayList<>();

                @Override
                public void add(long chunk, Long part) {
                    assertEquals(seen.size(), chunk, "chunks in order");
                    seen.add(part);
                }

                @Override
                public List<Long> result(double seconds) {
                    return seen;
                }
            };
        }
    }

    @Test
    void everyChunkOnceInOrderForAnyThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            List<Long> squares = ChunkRunner.run(new Squares(20, -1), threads, null);
            assertEquals(20, squares.size());
            for (int c = 0; c < 20; c++) {
                assertEquals((long) c * c, squares.get(c));
            }
        }
    }

    @Test
    void aBlockThatFailsMidwayNamesItsFirstChunkNotHandedOver() {
        for (int t = 1; t <= 3; t++) {
            int threads = t;
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ChunkRunner.run(new Squares(20, 10), threads, null));
            assertEquals("chunk 10 failed", e.getMessage());
        }
    }
}
