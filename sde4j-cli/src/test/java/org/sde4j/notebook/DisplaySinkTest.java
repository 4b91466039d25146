package org.sde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The runner's PNG receiver belongs to one execution: its thread and the threads it starts, while it runs. */
class DisplaySinkTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void theExecutionAndTheThreadsItStartsReachTheReceiverAndNothingElseDoes() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        Thread[] lingering = new Thread[1];
        Object gate = new Object();
        boolean[] open = {false};
        Thread outsider = new Thread(() -> Display.withSink(b -> got.add("outsider's own"), () -> null));
        String result = Display.withSink(b -> got.add("mine " + b.length), () -> {
            Display.png(PNG);
            Thread child = new Thread(() -> Display.png(PNG));
            child.start();
            join(child);
            lingering[0] = new Thread(() -> {
                synchronized (gate) {
                    while (!open[0]) {
                        try {
                            gate.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                Display.png(PNG); // after the execution ended
            });
            lingering[0].start();
            outsider.start();
            join(outsider);
            Display.withSink(b -> got.add("nested"), () -> {
                Display.png(PNG);
                return null;
            });
            Display.png(PNG);
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("mine 4", "mine 4", "nested", "mine 4"), got);

        PrintStream old = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            synchronized (gate) {
                open[0] = true;
                gate.notifyAll();
            }
            join(lingering[0]);
        } finally {
            System.setOut(old);
        }
        assertEquals(4, got.size(), "a thread left over from the execution does not write into it");
        String line = printed.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("[image: ") && line.endsWith(".png]"), "the default prints a file: " + line);
        Files.deleteIfExists(Path.of(line.substring("[image: ".length(), line.length() - 1)));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
