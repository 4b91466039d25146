package org.sde4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    /** A clock advanced by hand, in nanoseconds. */
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void statusFollowsTheBar() {
        ProgressBar bar = new ProgressBar("epoch 1/2", 4, new PrintWriter(new StringWriter()), false, clock::get);
        bar.status("loss 0.5 acc 0.8");
        assertEquals("epoch 1/2 [==============================] 100% 4/4 elapsed 2.0s loss 0.5 acc 0.8",
                bar.render(4, 2_000_000_000L));
    }

    @Test
    void rendersBarPercentCountElapsedAndEta() {
        ProgressBar bar = new ProgressBar("tour", 8, new PrintWriter(new StringWriter()), false, clock::get);
        assertEquals("tour [===========>                  ] 37% 3/8 elapsed 1.2s ETA 2.0s", bar.render(3, 1_200_000_000L));
        assertEquals("tour [>                             ] 0% 0/8 elapsed 0.0s ETA ?", bar.render(0, 0));
        assertEquals("tour [==============================] 100% 8/8 elapsed 1m05s", bar.render(8, 65_000_000_000L));
    }

    @Test
    void notOnATerminalItPrintsOnlyOneFinalLine() {
        StringWriter sink = new StringWriter();
        ProgressBar bar = new ProgressBar("work", 4, new PrintWriter(sink), false, clock::get);
        for (int i = 0; i < 4; i++) {
            clock.addAndGet(500_000_000L);
            bar.step();
            assertEquals("", sink.toString(), "nothing before close()");
        }
        bar.close();
        bar.close(); // idempotent
        String nl = System.lineSeparator();
        assertEquals("work [==============================] 100% 4/4 elapsed 2.0s" + nl, sink.toString());
    }

    @Test
    void onATerminalItRedrawsInPlaceAndEndsTheLine() {
        StringWriter sink = new StringWriter();
        try (ProgressBar bar = new ProgressBar("work", 2, new PrintWriter(sink), true, clock::get)) {
            bar.step();
            bar.stepTo(2);
        }
        String text = sink.toString();
        assertTrue(text.startsWith("\rwork [>"), text);
        assertEquals(4, text.chars().filter(c -> c == '\r').count(), text); // initial draw, 2 steps, close
        assertTrue(text.endsWith("100% 2/2 elapsed 0.0s" + System.lineSeparator()), text);
    }

    @Test
    void stepsFromManyThreadsAreAllCounted() throws InterruptedException {
        ProgressBar bar = new ProgressBar("threads", 4000, new PrintWriter(new StringWriter()), true, System::nanoTime);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    bar.step();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4000, bar.done());
        bar.stepTo(10);
        assertEquals(4000, bar.done(), "stepTo never goes back");
        bar.stepTo(99_999);
        assertEquals(4000, bar.done(), "clamped to total");
    }

    @Test
    void rejectsAnEmptyTotal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgressBar("x", 0, new PrintWriter(new StringWriter()), false));
        assertTrue(e.getMessage().contains("total = 0"), e.getMessage());
    }

    @Test
    void formatsDurations() {
        assertEquals("0.0s", ProgressBar.duration(0));
        assertEquals("59.9s", ProgressBar.duration(59.94));
        assertEquals("2m05s", ProgressBar.duration(125));
    }
}
