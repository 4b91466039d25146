package org.sde4j.nn;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernels' scratch: reused within a run, released with it, and a tag that speaks of the buffer in hand only. */
class ScratchTest {
    @Test
    void aBufferIsReusedWithinARunAndReleasedWhenItsOutermostCallReturns() {
        try (Parallel parallel = Parallel.of(1)) {
            float[][] seen = new float[2][];
            parallel.execute(() -> {
                seen[0] = Scratch.floats(Scratch.Slot.CONV_COLUMNS, 100);
                parallel.execute(() -> assertSame(seen[0], Scratch.floats(Scratch.Slot.CONV_COLUMNS, 50),
                        "an inner call of the same run reuses the buffer"));
                assertSame(seen[0], Scratch.floats(Scratch.Slot.CONV_COLUMNS, 100), "still the run's buffer");
            });
            parallel.execute(() -> seen[1] = Scratch.floats(Scratch.Slot.CONV_COLUMNS, 100));
            assertNotSame(seen[0], seen[1], "the first run's buffer went with it");
        }
    }

    @Test
    void aGrownBufferForgetsItsTag() {
        // Sizes relative to the buffer in hand: the thread may hold a larger one from earlier work.
        Parallel.of(1).execute(() -> {
            float[] first = Scratch.floats(Scratch.Slot.CONV_PHASES, 10);
            Scratch.tag(Scratch.Slot.CONV_PHASES, "layout A");
            assertSame("layout A", Scratch.tag(Scratch.Slot.CONV_PHASES));
            assertSame(first, Scratch.floats(Scratch.Slot.CONV_PHASES, first.length));
            assertSame("layout A", Scratch.tag(Scratch.Slot.CONV_PHASES), "the same buffer keeps its tag");
            float[] grown = Scratch.floats(Scratch.Slot.CONV_PHASES, first.length + 1);
            assertTrue(grown.length > first.length);
            assertNull(Scratch.tag(Scratch.Slot.CONV_PHASES), "a new buffer holds nothing known");
        });
    }
}
