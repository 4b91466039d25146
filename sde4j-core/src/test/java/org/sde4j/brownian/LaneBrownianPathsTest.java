package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many lanes asked at once give each lane exactly the path one {@link OnDemandBrownianPath} gives alone: the lanes
 * draw independent keyed streams, and the batched bridges do the per-lane arithmetic. (The law itself is checked in
 * {@link OnDemandBrownianPathTest}, whose path is a one-lane block of this class.) Each lane follows its own
 * solver-like script from a seeded generator — steps forward, rejections that bridge inside the last step, a
 * forgotten future now and then, deep stacks that grow the store — while the lanes are queried together in an order
 * that changes every round, and now and then two lanes trade paths ({@link LaneBrownianPaths#moveLane}, through a
 * spare lane), as a block-adaptive solver moves its lanes together.
 */
class LaneBrownianPathsTest {
    @ParameterizedTest
    @CsvSource({"1, true", "1, false", "3, true", "2, false"})
    void everyLaneMatchesItsOwnPathBitForBit(int m, boolean levy) {
        int lanes = 37;
        long seed = 11;
        int spare = lanes;
        LaneBrownianPaths block = LaneBrownianPaths.of(lanes + 1, m, levy, seed);
        OnDemandBrownianPath[] alone = new OnDemandBrownianPath[lanes];
        double[] anchors = {0.5, 1.0};
        double[] position = new double[lanes];
        SplittableRandom script = new SplittableRandom(5);
        for (int l = 0; l < lanes; l++) {
            alone[l] = OnDemandBrownianPath.of(m, levy, seed);
            long path = 1000 + 7L * l;
            block.reset(l, path, 0.0, anchors);
            alone[l].reset(path, 0.0, anchors);
        }
        int[] lane = new int[lanes];
        double[] times = new double[lanes];
        double[][] w = new double[m][lanes];
        double[][] k = new double[m][lanes];
        double[] wAlone = new double[m];
        double[] kAlone = new double[m];
        for (int round = 0; round < 400; round++) {
            // A random subset of the lanes, in a random order, each at its own next time.
            int n = 0;
            for (int l = 0; l < lanes; l++) {
                if (script.nextInt(4) != 0) {
                    lane[n++] = l;
                }
            }
            for (int i = n - 1; i > 0; i--) {
                int j = script.nextInt(i + 1);
                int swap = lane[i];
                lane[i] = lane[j];
                lane[j] = swap;
            }
            for (int q = 0; q < n; q++) {
                int l = lane[q];
                double step = Math.scalb(script.nextDouble(0.5, 1.0), -script.nextInt(2, 30));
                // Past t = 1 the draws are forward ones.
                times[q] = script.nextInt(5) == 0 ? position[l] : position[l] + step;
            }
            block.values(n, lane, times, w, levy ? k : null);
            for (int q = 0; q < n; q++) {
                int l = lane[q];
                alone[l].value(times[q], wAlone, levy ? kAlone : null);
                for (int j = 0; j < m; j++) {
                    assertEquals(wAlone[j], w[j][q], 0.0, "W, lane " + l + ", round " + round);
                    if (levy) {
                        assertEquals(kAlone[j], k[j][q], 0.0, "K, lane " + l + ", round " + round);
                    }
                }
                int action = script.nextInt(10);
                if (action < 6) {
                    // Accepted: the solver moves to the point.
                    block.forgetBefore(l, times[q]);
                    alone[l].forgetBefore(times[q]);
                    position[l] = times[q];
                } else if (action == 9) {
                    block.forgetAfter(l, position[l]);
                    alone[l].forgetAfter(position[l]);
                }
            }
            if (script.nextInt(3) == 0) {
                int a = script.nextInt(lanes);
                int b = (a + 1 + script.nextInt(lanes - 1)) % lanes;
                block.moveLane(a, spare);
                block.moveLane(b, a);
                block.moveLane(spare, b);
                OnDemandBrownianPath path = alone[a];
                alone[a] = alone[b];
                alone[b] = path;
                double at = position[a];
                position[a] = position[b];
                position[b] = at;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1, true"})
    void aForgottenTimeIsRefusedAndNoLaneChanges(int m, boolean levy) {
        LaneBrownianPaths block = LaneBrownianPaths.of(2, m, levy, 3);
        block.reset(0, 0, 0.0, new double[] {1.0});
        block.reset(1, 1, 0.0, new double[] {1.0});
        block.values(1, new int[] {1}, new double[] {0.5}, new double[1][2], new double[1][2]);
        block.forgetBefore(1, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.values(2, new int[] {0, 1}, new double[] {0.2, 0.25}, new double[1][2], new double[1][2]));
        assertEquals("t = 0.25: must be finite and at least 0.5, the earliest time this path still keeps",
                e.getMessage());
        // Nothing changed: lane 0 draws W(0.2) now exactly as a path alone does.
        double[][] w = new double[1][2];
        block.values(1, new int[] {0}, new double[] {0.2}, w, new double[1][2]);
        OnDemandBrownianPath alone = OnDemandBrownianPath.of(m, levy, 3);
        alone.reset(0, 0.0, new double[] {1.0});
        double[] wAlone = new double[1];
        alone.value(0.2, wAlone, new double[1]);
        assertEquals(wAlone[0], w[0][0], 0.0);
    }
}
