package org.sde4j.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Fashion-MNIST subset bundled in the jar: real images, balanced classes, the head of the full set. */
class BundledSubsetTest {
    private static final FashionMnist.Split SUBSET = FashionMnist.loadBundledSubset();

    @Test
    void holdsTwoThousandTrainingAndOneThousandTestImagesOfEveryClass() {
        assertEquals(FashionMnist.SUBSET_TRAIN, SUBSET.train().size());
        assertEquals(FashionMnist.SUBSET_TEST, SUBSET.test().size());
        assertFalse(SUBSET.full());
        assertEquals("the bundled subset", SUBSET.source());
        int[] train = classCounts(SUBSET.train());
        int[] test = classCounts(SUBSET.test());
        // Counted when the subset was cut (LICENSE-fashion-mnist.txt beside the files lists them).
        assertArrayEquals(new int[] {194, 216, 202, 195, 186, 200, 194, 215, 198, 200}, train);
        assertArrayEquals(new int[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95}, test);
        // Real pictures, not blanks: Fashion-MNIST's mean grey level is about 0.286.
        assertEquals(0.286, SUBSET.train().mean(), 0.02);
    }

    /** The subset is the first images of the full set, unchanged (needs the full set; skipped without it). */
    @Test
    void isTheHeadOfTheFullSet() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        String skipped = "skipped: needs the full Fashion-MNIST set in " + dir;
        if (!FashionMnist.holdsData(dir)) {
            System.out.println(getClass().getSimpleName() + " " + skipped);   // shown in the build's output
        }
        assumeTrue(FashionMnist.holdsData(dir), skipped);
        FashionMnist.Split full = FashionMnist.load(dir);
        assertTrue(full.full());
        assertArrayEquals(full.train().limit(FashionMnist.SUBSET_TRAIN).images(), SUBSET.train().images());
        assertArrayEquals(full.train().limit(FashionMnist.SUBSET_TRAIN).labels(), SUBSET.train().labels());
        assertArrayEquals(full.test().limit(FashionMnist.SUBSET_TEST).images(), SUBSET.test().images());
        assertArrayEquals(full.test().limit(FashionMnist.SUBSET_TEST).labels(), SUBSET.test().labels());
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classes()];
        Arrays.stream(d.labels()).forEach(y -> counts[y]++);
        return counts;
    }
}
