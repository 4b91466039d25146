package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.data.Idx;
import org.sde4j.nn.train.Checkpoint;
import org.sde4j.notebook.NotebookJson;

/**
 * Seeded mutation fuzzing of the readers of untrusted files: the IDX reader, the checkpoint reader and
 * the notebook JSON reader. Every mutant of a valid file must end in the reader's documented exception or
 * in a consistent result, never in another exception, a hang, or (for checkpoints) tensors half
 * overwritten. A failure names the case's seed; {@link Mutations} rebuilds the mutant from it.
 */
class ReaderFuzzTest {
    static final int IDX_CASES = 6000;
    static final int CHECKPOINT_CASES = 6000;
    static final int JSON_CASES = 10_000;
    static final int CSV_CASES = 6_000;
    private static final long SEED = 20261129L;

    @TempDir
    Path dir;

    private static byte[] idxImages(int count, int rows, int cols) {
        byte[] b = new byte[16 + count * rows * cols];
        int[] header = {0x00000803, count, rows, cols};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (header[i] >>> (24 - 8 * k));
            }
        }
        for (int i = 16; i < b.length; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    private static byte[] idxLabels(int count) {
        byte[] b = new byte[8 + count];
        b[2] = 8;
        b[3] = 1;
        b[7] = (byte) count;
        for (int i = 8; i < b.length; i++) {
            b[i] = (byte) (i % 10);
        }
        return b;
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void idxReaderEndsInIdxFormatExceptionOrImages() {
        byte[][] bases = {idxImages(5, 4, 3), gzip(idxImages(5, 4, 3)), idxLabels(12), gzip(idxLabels(12))};
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < IDX_CASES; i++) {
                long seed = SEED + i;
                SplittableRandom r = new SplittableRandom(seed);
                int which = i % bases.length;
                byte[] mutant = Mutations.bytes(bases[which], r);
                try {
                    if (which < 2) {
                        Idx.Images images = Idx.readImages("case " + seed, new ByteArrayInputStream(mutant), 4, 3);
                        assertEquals((long) images.count() * 4 * 3, images.pixels().length, "case seed " + seed);
                    } else {
                        byte[] labels = Idx.readLabels("case " + seed, new ByteArrayInputStream(mutant), 10);
                        for (byte y : labels) {
                            assertTrue(y >= 0 && y < 10, "case seed " + seed);
                        }
                    }
                    outcomes[0]++;
                } catch (Idx.IdxFormatException e) {
                    assertTrue(e.getMessage().startsWith("case " + seed + ": "), e.getMessage());
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("IDX case seed " + seed + " (base " + which + "): " + e, e);
                }
            }
        });
        report("IDX", outcomes);
    }

    @Test
    void checkpointReaderEndsInCheckpointExceptionOrAFullLoad() throws IOException {
        Path file = dir.resolve("base.ckpt");
        List<Tensor> saved = List.of(new Tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), new Tensor(new float[] {7, 8}, 2));
        Checkpoint.save(file, "fuzz-config", 3, saved);
        byte[] base = Files.readAllBytes(file);
        Path mutantFile = dir.resolve("mutant.ckpt");
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CHECKPOINT_CASES; i++) {
                long seed = SEED + i;
                SplittableRandom r = new SplittableRandom(seed);
                byte[] mutant = Mutations.bytes(base, r);
                if (i % 2 == 1 && mutant.length >= 8) {
                    resealChecksum(mutant); // half the cases get past the checksum to the parser
                }
                Files.write(mutantFile, mutant);
                float[] sentinel = {-9, -9, -9, -9, -9, -9};
                List<Tensor> live = List.of(new Tensor(sentinel.clone(), 2, 3), new Tensor(new float[] {-9, -9}, 2));
                try {
                    int epochs = Checkpoint.load(mutantFile, "fuzz-config", live);
                    assertTrue(epochs >= 0, "case seed " + seed + ": epochs " + epochs);
                    outcomes[0]++;
                } catch (Checkpoint.CheckpointException e) {
                    assertArrayEquals(sentinel, live.get(0).data(), "case seed " + seed + ": half loaded");
                    assertArrayEquals(new float[] {-9, -9}, live.get(1).data(), "case seed " + seed + ": half loaded");
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("checkpoint case seed " + seed + ": " + e, e);
                }
            }
        });
        report("checkpoint", outcomes);
    }

    private static void resealChecksum(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        long v = crc.getValue();
        for (int k = 0; k < 8; k++) {
            b[b.length - 8 + k] = (byte) (v >>> (56 - 8 * k));
        }
    }

    @Test
    void notebookJsonReaderEndsInIllegalArgumentExceptionOrAValueThatRoundTrips() throws IOException {
        String[] bases = {
            Files.readString(Path.of("..", "notebooks", "01-solving-sdes.ipynb")).substring(0, 4000),
            "{\"a\": [1, -2.5e-3, true, false, null, \"x\\n\\u00e9\"], \"b\": {\"c\": []}}",
        };
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < JSON_CASES; i++) {
                long seed = SEED + i;
                SplittableRandom r = new SplittableRandom(seed);
                String mutant = Mutations.text(bases[i % bases.length], r);
                try {
                    Object value = NotebookJson.parse(mutant);
                    assertEquals(value, NotebookJson.parse(NotebookJson.write(value)), "case seed " + seed);
                    outcomes[0]++;
                } catch (IllegalArgumentException e) {
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("JSON case seed " + seed + ": " + e, e);
                }
            }
        });
        report("notebook JSON", outcomes);
    }

    /**
     * The CSV reader of {@code sde4j fit}: mutated copies of a bundled series (dates, a filter column, values) end
     * in an {@link IllegalArgumentException} naming what is wrong, or in a series whose times strictly increase
     * and whose values are finite — never another exception.
     */
    @Test
    void csvReaderEndsInIllegalArgumentExceptionOrAValidSeries() throws IOException {
        String stocks;
        try (java.io.InputStream in = ReaderFuzzTest.class.getResourceAsStream("/org/sde4j/cli/data/vega-datasets/stocks.csv")) {
            assertTrue(in != null, "the bundled stocks.csv is missing");
            stocks = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String head = stocks.lines().limit(60).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        String[] bases = {head, "t,x\n0,1.5\n0.5,1.25\n1,-2e-3\n1.5,4\n"};
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CSV_CASES; i++) {
                long seed = SEED + i;
                String mutant = Mutations.text(bases[i % 2], new SplittableRandom(seed));
                boolean stockLike = i % 2 == 0;
                try {
                    org.sde4j.fit.TimeSeries series = org.sde4j.fit.CsvSeries.read(new java.io.StringReader(mutant),
                            "case " + seed, stockLike ? "date" : null, stockLike ? "price" : "x",
                            stockLike ? "symbol=MSFT" : null);
                    for (int k = 0; k < series.size(); k++) {
                        assertTrue(Double.isFinite(series.value(k)), "case seed " + seed + ": value " + k);
                        assertTrue(k == 0 || series.time(k) > series.time(k - 1), "case seed " + seed + ": time " + k);
                    }
                    outcomes[0]++;
                } catch (IllegalArgumentException e) {
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("CSV case seed " + seed + ": " + e, e);
                }
            }
        });
        report("CSV", outcomes);
    }

    private static void report(String reader, int[] outcomes) {
        System.out.println(reader + " fuzz: " + (outcomes[0] + outcomes[1]) + " cases, " + outcomes[0] + " read, "
                + outcomes[1] + " refused with the documented exception");
    }
}
