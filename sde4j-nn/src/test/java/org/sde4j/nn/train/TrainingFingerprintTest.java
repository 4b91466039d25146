package org.sde4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.Architectures;
import org.sde4j.nn.data.Dataset;

/**
 * Recorded bits: a few seeded training steps of every registered architecture (and the three plain models) end
 * in the parameters and test accuracy fingerprinted in {@code src/test/resources/fingerprints/training.txt}. First
 * recorded before the block noise became a {@link org.sde4j.random.NoiseModel} and the thread pool an instance;
 * re-recorded (all but {@code mlp}, which has no convolution) when convolutions stopped unfolding their input: their
 * weight gradients are now sums over padded blocks of images, a different order of the same terms (see CHANGELOG).
 * The bits are the same on JDK 17 and JDK 25 since vector lane sums spell out their order (checked with both). A
 * change of any bit of training — noise draws, their order, a reduction order, a kernel — fails this test, which
 * then must be re-recorded on purpose, with the reason in the changelog.
 *
 * <p>The file is written by this test, not by hand: {@code -Dsde4j.record=missing} records every registered
 * architecture that has no line yet (a new architecture is its constant, its registry line and this command),
 * {@code -Dsde4j.record=a,b} re-records the named ones; the command is at the top of the file.
 */
class TrainingFingerprintTest {
    static final Path FILE = Path.of(System.getProperty("sde4j.root", ".."))
            .resolve("sde4j-nn/src/test/resources/fingerprints/training.txt");
    private static final String RECORD = "mvn -B -o -pl sde4j-nn -am test -Dtest=TrainingFingerprintTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsde4j.record=missing";

    /** Name → fingerprint, from the file (in its order). */
    static Map<String, String> recorded() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] parts = l.split("\\s+");
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }

    static List<String> names() {
        List<String> all = new ArrayList<>(List.of("mlp", "cnn", "resnet20"));
        all.addAll(Architectures.NAMES);
        return all;
    }

    /** On {@code threads} threads, a 64-bit FNV-1a hash of the parameters, buffers and test accuracy after two epochs of 3 steps. */
    static String fingerprint(String arch, int threads) {
        Dataset train = CheckpointTest.synthetic(96, 5);
        Dataset test = CheckpointTest.synthetic(40, 6);
        TrainConfig c = new TrainConfig(arch, new int[] {4, 6}, 2, 2, 32, 13, 0.05, 5e-4, 2, true, null, false, 2);
        Trainer t = new Trainer(c, 12, 4).threads(threads);
        TrainResult r = t.run(train, test, new TrainListener() { });
        List<Tensor> all = new ArrayList<>();
        t.network().params().forEach(p -> all.add(p.value()));
        all.addAll(t.network().buffers());
        long h = 0xcbf29ce484222325L;
        for (Tensor x : all) {
            for (float v : x.data()) {
                h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
            }
        }
        h = (h ^ Double.doubleToRawLongBits(r.testAccuracy())) * 0x100000001b3L;
        return Long.toHexString(h);
    }

    @ParameterizedTest
    @MethodSource("names")
    void trainingGivesTheRecordedBits(String arch) throws IOException {
        String got = fingerprint(arch, 2);
        String record = System.getProperty("sde4j.record", "");
        boolean named = List.of(record.split(",")).contains(arch);
        synchronized (TrainingFingerprintTest.class) {
            Map<String, String> recorded = recorded();
            if (named || (record.equals("missing") && !recorded.containsKey(arch))) {
                write(arch, got);
                return;
            }
            assertTrue(recorded.containsKey(arch), "no recorded fingerprint for " + arch + " in " + FILE
                    + ": record it with " + RECORD);
            assertEquals(recorded.get(arch), got, arch);
        }
    }

    @Test
    void everyRecordedNameIsAModelOrARegisteredArchitecture() throws IOException {
        for (String name : recorded().keySet()) {
            assertTrue(names().contains(name), FILE + " records " + name + ", which is no longer registered");
        }
    }

    /** Sets {@code arch}'s line of the file (appended when new), keeping every other line as it is. */
    private static void write(String arch, String fingerprint) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(FILE, StandardCharsets.UTF_8));
        String line = arch + " " + fingerprint;
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(arch + " ")) {
                System.out.println("re-recorded " + arch + ": " + lines.get(i).substring(arch.length() + 1) + " -> "
                        + fingerprint);
                lines.set(i, line);
                found = true;
            }
        }
        if (!found) {
            System.out.println("recorded " + line);
            lines.add(line);
        }
        Files.write(FILE, lines, StandardCharsets.UTF_8);
    }
}
