package org.sde4j.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Normalisation, seeded shuffling, mini-batches and augmentation. */
class BatchesTest {
    /** 10 images of 4×5 whose pixel (r, c) of image i is 100 i + 10 r + c. */
    static Dataset data() {
        float[] x = new float[10 * 20];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            y[i] = i % 3;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 5; c++) {
                    x[i * 20 + r * 5 + c] = 100 * i + 10 * r + c;
                }
            }
        }
        return new Dataset(x, y, 4, 5, 3);
    }

    @Test
    void permutationIsSeededAndDiffersBetweenEpochsAndSeeds() {
        Batches a = new Batches(data(), 4, 0, false, 9);
        int[] p = a.permutation(0);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertArrayEquals(p, new Batches(data(), 4, 0, false, 9).permutation(0));
        assertFalse(Arrays.equals(p, a.permutation(1)));
        assertFalse(Arrays.equals(p, new Batches(data(), 4, 0, false, 10).permutation(0)));
    }

    @Test
    void batchesCoverTheEpochWithASmallerLastBatch() {
        Batches b = new Batches(data(), 4, 0, false, 1);
        assertEquals(3, b.count());
        int[] perm = b.permutation(0);
        Batches.Batch last = b.batch(perm, 0, 2, false, null);
        assertArrayEquals(new int[] {1, 2, 4, 5}, last.images().shape());
        assertEquals(data().labels()[perm[9]], last.labels()[1]);
        assertEquals(100 * perm[8], last.images().data()[0]);
        assertThrows(IllegalArgumentException.class, () -> b.batch(perm, 0, 3, false, null));
    }

    @Test
    void cropAndFlipMoveWholeImagesAndAreReproducible() {
        Batches b = new Batches(data(), 10, 2, true, 5);
        int[] perm = b.permutation(0);
        Batches.Batch x = b.batch(perm, 0, 0, true, null);
        assertArrayEquals(x.images().data(), b.batch(perm, 0, 0, true, null).images().data());
        assertFalse(Arrays.equals(x.images().data(), b.batch(perm, 1, 0, true, null).images().data()));
        int shifted = 0;
        for (int i = 0; i < 10; i++) {
            int img = perm[i];
            // Every pixel is either padding (0) or a pixel of the same image, displaced by at most 2 rows/cols.
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 5; c++) {
                    float v = x.images().data()[i * 20 + r * 5 + c];
                    if (v == 0) { // padding (or pixel (0, 0) of image 0)
                        continue;
                    }
                    int sr = (int) (v - 100 * img) / 10;
                    int sc = (int) (v - 100 * img) % 10;
                    assertTrue(Math.abs(sr - r) <= 2, "row offset at image " + img + " (" + r + "," + c + "): " + v);
                    assertTrue(Math.abs(sc - c) <= 2 || Math.abs(sc - (4 - c)) <= 2, "column offset or flip");
                    if (sr != r || sc != c) {
                        shifted++;
                    }
                }
            }
        }
        assertTrue(shifted > 0, "augmentation changed something");
    }

    @Test
    void noAugmentationIsTheIdentity() {
        Batches b = new Batches(data(), 10, 2, true, 5);
        int[] id = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(data().images(), b.batch(id, 0, 0, false, null).images().data());
    }

    @Test
    void normalisationUsesMeanAndSampleStd() {
        Dataset d = new Dataset(new float[] {1, 2, 3, 6}, new int[] {0}, 2, 2, 1);
        assertEquals(3, d.mean(), 1e-12);
        assertEquals(Math.sqrt(14 / 3.0), d.std(), 1e-12);
        Dataset n = d.normalised(d.mean(), d.std());
        assertEquals(0, n.mean(), 1e-6);
        assertEquals(1, n.std(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> d.normalised(0, 0));
    }
}
