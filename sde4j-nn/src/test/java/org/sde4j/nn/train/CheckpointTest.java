package org.sde4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.data.Dataset;

/** Checkpoints round-trip, reject damage, and resuming reproduces the uninterrupted run bit for bit. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static List<Tensor> tensors(float base) {
        return List.of(new Tensor(new float[] {base, base + 1, base + 2}, 3), new Tensor(new float[] {base * 2}, 1));
    }

    @Test
    void roundTripAndNoTemporaryFilesLeft() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, "fp", 3, tensors(1));
        Checkpoint.save(f, "fp", 4, tensors(5));
        List<Tensor> into = tensors(0);
        assertEquals(4, Checkpoint.load(f, "fp", into));
        assertArrayEquals(new float[] {5, 6, 7}, into.get(0).data());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void damagedOrForeignCheckpointsAreRejectedAndNothingIsLoaded() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, "fp", 1, tensors(1));
        byte[] good = Files.readAllBytes(f);
        List<Tensor> into = tensors(0);

        byte[] flipped = good.clone();
        flipped[good.length - 12] ^= 1;
        Files.write(f, flipped);
        assertTrue(assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.load(f, "fp", into))
                .getMessage().contains("checksum mismatch"));

        Files.write(f, java.util.Arrays.copyOf(good, good.length - 3));
        assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.load(f, "fp", into));

        Files.write(f, good);
        String m = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.load(f, "other", into))
                .getMessage();
        assertTrue(m.contains("another configuration") && m.contains(f.toString()), m);
        assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.load(f, "fp", List.of(into.get(0))));
        assertArrayEquals(new float[] {0, 1, 2}, into.get(0).data(), "nothing loaded");

        Files.writeString(f, "not a checkpoint at all");
        assertTrue(assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.load(f, "fp", into))
                .getMessage().contains("bad magic"));
    }

    /** 200 random 12×12 images whose class is the brightest quadrant. */
    static Dataset synthetic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 144];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
            for (int p = 0; p < 144; p++) {
                int q = (p / 12 < 6 ? 0 : 2) + (p % 12 < 6 ? 0 : 1);
                x[i * 144 + p] = (float) (r.nextDouble() * (q == y[i] ? 1 : 0.6));
            }
        }
        return new Dataset(x, y, 12, 12, 4);
    }

    private static float[] parameters(Trainer t) {
        List<Tensor> all = new java.util.ArrayList<>();
        t.network().params().forEach(p -> all.add(p.value()));
        all.addAll(t.network().buffers());
        int size = all.stream().mapToInt(Tensor::size).sum();
        float[] flat = new float[size];
        int o = 0;
        for (Tensor x : all) {
            System.arraycopy(x.data(), 0, flat, o, x.size());
            o += x.size();
        }
        return flat;
    }

    @Test
    void resumingReproducesTheUninterruptedRunBitForBit() {
        Dataset train = synthetic(200, 1);
        Dataset test = synthetic(50, 2);
        TrainConfig base = new TrainConfig("resnet20", new int[] {2, 3}, 1, 3, 32, 7, 0.05, 5e-4, 2, true, null,
                false, 3);
        Trainer straight = new Trainer(base, 12, 4);
        TrainResult whole = straight.run(train, test, new TrainListener() { });

        Path f = dir.resolve("resume.ckpt");
        Trainer first = new Trainer(base.withCheckpoint(f, true, 1), 12, 4);
        TrainResult part = first.run(train, test, new TrainListener() { });
        assertEquals(1, part.epochs());
        Trainer second = new Trainer(base.withCheckpoint(f, true, 3), 12, 4);
        TrainResult rest = second.run(train, test, new TrainListener() { });
        assertEquals(3, rest.epochs());
        assertEquals(2, rest.history().size());
        assertArrayEquals(parameters(straight), parameters(second));
        assertEquals(whole.testAccuracy(), rest.testAccuracy());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Dataset train = synthetic(100, 3);
        TrainConfig c = new TrainConfig("cnn", new int[] {3, 4}, 1, 1, 40, 11, 0.05, 5e-4, 2, true, null, false, 1);
        Trainer one = new Trainer(c, 12, 4).threads(1);
        one.run(train, train, new TrainListener() { });
        Trainer three = new Trainer(c, 12, 4).threads(3);
        three.run(train, train, new TrainListener() { });
        assertArrayEquals(parameters(one), parameters(three));
    }
}
