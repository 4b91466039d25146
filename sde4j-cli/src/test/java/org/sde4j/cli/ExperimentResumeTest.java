package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sde4j experiment --runs DIR}: each (architecture, seed) run is saved as it ends, a rerun reads the saved
 * runs back instead of training them again and reports the same table, and a saved run from another budget or a
 * damaged file is refused with the reason.
 */
class ExperimentResumeTest {
    @TempDir
    Path dir;

    private MainTest.Run experiment(Path runs, String epochs, String seeds) {
        List<String> args = new ArrayList<>(List.of("experiment", "--archs", "resnet,stochastic-depth", "--widths", "2",
                "--blocks", "1", "--epochs", epochs, "--seeds", seeds, "--data", "subset", "--train-limit", "256",
                "--test-limit", "64", "--mc-passes", "2", "--threads", "1", "--output",
                dir.resolve("doc.md").toString(), "--name", "resume", "--runs", runs.toString()));
        return MainTest.run(args.toArray(String[]::new));
    }

    /** The table of a run's output, without the line that reports the wall times of this process. */
    private static String accuracies(String out) {
        return out.lines().filter(l -> l.startsWith("| `")).map(l -> {
            String[] cells = l.split("\\|");
            return cells[1] + cells[2] + cells[3] + cells[4];
        }).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void savedRunsAreReadBackAndGiveTheSameTable() throws Exception {
        Path runs = dir.resolve("runs");
        MainTest.Run first = experiment(runs, "1", "2");
        assertEquals(0, first.code(), first.err());
        for (String file : List.of("resnet-seed1", "resnet-seed2", "stochastic-depth-seed1", "stochastic-depth-seed2")) {
            assertTrue(Files.exists(runs.resolve(file + ".properties")), file);
        }
        // Seed-major order: an experiment stopped part-way has every architecture on the first seeds.
        String log = first.err();
        assertTrue(log.indexOf("stochastic-depth seed 1") < log.indexOf("resnet seed 2"), log);

        Files.delete(runs.resolve("stochastic-depth-seed2.properties"));
        MainTest.Run resumed = experiment(runs, "1", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resnet seed 1: saved in"), resumed.err());
        assertTrue(resumed.err().contains("stochastic-depth seed 2: 132 parameters")
                && !resumed.err().contains("stochastic-depth seed 2: saved"), "the deleted run is trained again: "
                + resumed.err());
        assertEquals(accuracies(first.out()), accuracies(resumed.out()));
        Path bars = dir.resolve("img").resolve("architectures-resume-accuracy.png");
        assertTrue(Files.size(bars) > 1000, bars.toString());
        assertTrue(!accuracies(first.out()).isEmpty(), first.out());
    }

    /**
     * Each saved run keeps its last epoch's training accuracy, and the table shows its mean; a run saved before it
     * was kept (no such line) still reads back, and the table says how many runs the mean covers.
     */
    @Test
    void trainingAccuracyIsKeptAndOlderFilesWithoutItStillRead() throws Exception {
        Path runs = dir.resolve("runs");
        MainTest.Run first = experiment(runs, "1", "2");
        assertEquals(0, first.code(), first.err());
        Path file = runs.resolve("resnet-seed1.properties");
        String text = Files.readString(file);
        assertTrue(text.matches("(?s).*\ntrainAccuracy=0\\.\\d+.*"), text);
        String row = first.out().lines().filter(l -> l.startsWith("| `resnet`")).findFirst().orElseThrow();
        assertTrue(row.split("\\|")[4].trim().matches("0\\.\\d{4}"), row);

        Files.writeString(file, text.replaceAll("trainAccuracy=[^\\n]*\\n", ""));
        MainTest.Run older = experiment(runs, "1", "2");
        assertEquals(0, older.code(), older.err());
        String partial = older.out().lines().filter(l -> l.startsWith("| `resnet`")).findFirst().orElseThrow();
        assertTrue(partial.split("\\|")[4].trim().matches("0\\.\\d{4} \\(1 of 2 runs\\)"), partial);

        Files.writeString(file, text.replaceAll("trainAccuracy=[^\\n]*", "trainAccuracy=high"));
        MainTest.Run damaged = experiment(runs, "1", "2");
        assertEquals(Main.USAGE_ERROR, damaged.code(), damaged.err());
        assertTrue(damaged.err().contains("is not a saved run") && damaged.err().contains("high"), damaged.err());
    }

    @Test
    void aRunFromAnotherBudgetOrADamagedFileIsRefused() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, experiment(runs, "1", "1").code());
        MainTest.Run other = experiment(runs, "2", "1");
        assertEquals(Main.USAGE_ERROR, other.code(), other.err());
        assertTrue(other.err().contains("epochs=1") && other.err().contains("epochs=2")
                && other.err().contains("resnet-seed1.properties"), other.err());

        Path file = runs.resolve("resnet-seed1.properties");
        String text = Files.readString(file);
        Files.writeString(file, text.replaceAll("testAccuracy=[^\\n]*", "testAccuracy=0.8x"));
        MainTest.Run damaged = experiment(runs, "1", "1");
        assertEquals(Main.USAGE_ERROR, damaged.code(), damaged.err());
        assertTrue(damaged.err().contains("is not a saved run") && damaged.err().contains("0.8x"), damaged.err());

        Files.writeString(file, text.substring(0, text.indexOf("testAccuracy=")));
        MainTest.Run truncated = experiment(runs, "1", "1");
        assertEquals(Main.USAGE_ERROR, truncated.code(), truncated.err());
        assertTrue(truncated.err().contains("is not a saved run (no testAccuracy)"), truncated.err());
    }
}
