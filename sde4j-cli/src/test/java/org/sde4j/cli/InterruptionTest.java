package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.bench.BenchSuite;
import org.sde4j.notebook.NotebookJson;

/**
 * Killing {@code train}, {@code experiment}, {@code bench} or {@code notebooks --execute} at a seeded random
 * moment never leaves a half-written file: each command runs in a child JVM (this JVM's java and class path)
 * and is killed ({@link Process#destroyForcibly()}, SIGKILL) a seeded random 0–40 ms after a temporary file
 * appears beside its target (a write has begun), so the kill lands in or near the write; the file must then
 * be its original bytes, absent if it was, or a complete new version (a checkpoint with its magic and CRC, a
 * notebook that parses, a document with its generated region closed). The five children run at once; the
 * test prints where each kill landed.
 */
class InterruptionTest {
    private static final long SEED = 20261129L;

    @TempDir
    Path dir;

    /** How a child ended: killed or not, whether a write had begun (a *.tmp seen), and its log. */
    private record Outcome(boolean killed, boolean writeSeen, String log) {
    }

    /**
     * Runs {@code sde4j command} in a child JVM in {@code workDir}, watches {@code watched} for a temporary
     * file ({@code *.tmp}: a write has begun) and kills the child {@code delayMicros} after seeing one, or
     * after {@code maxMillis} without one.
     */
    private static Outcome runAndKill(Path workDir, Path watched, long delayMicros, long maxMillis,
            List<String> command) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx1g",
                "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "org.sde4j.cli.Main"));
        cmd.addAll(command);
        Path log = workDir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        boolean writeSeen = false;
        while (p.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(watched)) {
                writeSeen = files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
            }
            if (writeSeen) {
                LockSupport.parkNanos(delayMicros * 1000L);
                break;
            }
            LockSupport.parkNanos(200_000L);
        }
        boolean killed = p.isAlive();
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        return new Outcome(killed, writeSeen, Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean validCheckpoint(byte[] b) {
        if (b.length < 16 || !new String(b, 0, 8, StandardCharsets.US_ASCII).equals("SDE4JCKP")) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        return crc.getValue() == ByteBuffer.wrap(b, b.length - 8, 8).getLong();
    }

    private static boolean validNotebook(byte[] b) {
        Object json = NotebookJson.parse(new String(b, StandardCharsets.UTF_8));
        return json instanceof Map<?, ?> m && m.get("cells") instanceof List<?>;
    }

    private static boolean closedRegion(byte[] b, String begin, String end) {
        String text = new String(b, StandardCharsets.UTF_8);
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        return i >= 0 && j > i && text.endsWith("\n");
    }

    private static void check(String what, Path file, byte[] original, Predicate<byte[]> complete, Outcome o)
            throws IOException {
        String state;
        if (!Files.exists(file)) {
            assertTrue(original == null, what + ": the file disappeared");
            state = "absent";
        } else {
            byte[] now = Files.readAllBytes(file);
            if (original != null && Arrays.equals(original, now)) {
                state = "untouched";
            } else {
                assertTrue(complete.test(now), what + ": half-written file " + file + " (" + now.length + " bytes)");
                state = "complete";
            }
        }
        System.out.println("interruption: " + what + ": " + (o.killed() ? "killed" : "ended by itself")
                + (o.writeSeen() ? " after a write began" : " before any write") + "; file " + state);
    }

    /** One command killed at a seeded moment, in a directory of its own. */
    private record Case(String name, Path dir, Path file, byte[] original, Predicate<byte[]> complete,
            List<String> command) {
    }

    @Test
    void killedCommandsLeaveTheirFilesWholeOrUntouched() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED);
        List<Case> cases = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Path d = Files.createDirectories(dir.resolve("train" + k));
            Path checkpoint = d.resolve("ck.bin");
            cases.add(new Case("train", d, checkpoint, null, InterruptionTest::validCheckpoint, List.of("train", "--arch",
                    "resnet20", "--widths", "4", "--blocks", "1", "--epochs", String.valueOf(2 + k), "--batch", "32",
                    "--train-limit", "64", "--test-limit", "32", "--data", "subset", "--checkpoint",
                    checkpoint.toString(), "--threads", "1")));
        }
        Path nd = Files.createDirectories(dir.resolve("notebooks"));
        Path notebook = nd.resolve("03-brownian-paths.ipynb");
        Files.copy(Path.of("..", "notebooks", "03-brownian-paths.ipynb"), notebook, StandardCopyOption.REPLACE_EXISTING);
        cases.add(new Case("notebooks --execute", nd, notebook, Files.readAllBytes(notebook),
                InterruptionTest::validNotebook, List.of("notebooks", "--execute", "--dir", nd.toString(), "03")));
        Path ed = Files.createDirectories(dir.resolve("experiment"));
        Path doc = ed.resolve("architectures.md");
        Files.writeString(doc, "# Architectures\n\n<!-- experiment:main begin -->\nold\n<!-- experiment:main end -->\n");
        cases.add(new Case("experiment", ed, doc, Files.readAllBytes(doc),
                b -> closedRegion(b, "<!-- experiment:main begin -->", "<!-- experiment:main end -->"),
                List.of("experiment", "--archs", "resnet", "--widths", "4", "--blocks", "1", "--epochs", "2", "--seeds",
                        "1", "--train-limit", "256", "--test-limit", "32", "--mc-passes", "1", "--data", "subset",
                        "--threads", "1", "--output", doc.toString())));
        Path bd = Files.createDirectories(dir.resolve("bench"));
        Path bench = bd.resolve("benchmarks.md");
        Files.writeString(bench, "# Benchmarks\n\n" + BenchSuite.BEGIN + "\nold\n" + BenchSuite.END + "\n");
        cases.add(new Case("bench", bd, bench, Files.readAllBytes(bench),
                b -> closedRegion(b, BenchSuite.BEGIN, BenchSuite.END), List.of("bench", "--only", "gaussian", "--paths",
                        "20000", "--steps", "8", "--repeats", "1", "--doc", bench.toString())));

        ExecutorService pool = Executors.newFixedThreadPool(cases.size());
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Case c : cases) {
                long delayMicros = r.nextInt(40_000);
                outcomes.add(pool.submit(() -> runAndKill(c.dir(), c.dir(), delayMicros, 50_000, c.command())));
            }
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Outcome o = outcomes.get(i).get();
                check(c.name(), c.file(), c.original(), c.complete(), o);
                assertTrue(!o.log().contains("Exception in thread"), c.name() + ": " + o.log());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
