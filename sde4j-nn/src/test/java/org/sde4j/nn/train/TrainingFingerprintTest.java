package org.sde4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.Architectures;
import org.sde4j.nn.data.Dataset;

/**
 * Recorded bits: a few seeded training steps of every registered architecture (and the three plain models) end
 * in the parameters and test accuracy fingerprinted here. First recorded before the block noise became a
 * {@link org.sde4j.random.NoiseModel} and the thread pool an instance; re-recorded (all but {@code mlp}, which
 * has no convolution) when convolutions stopped unfolding their input: their weight gradients are now sums over
 * padded blocks of images, a different order of the same terms (see CHANGELOG). The bits are the same on JDK 17 and
 * JDK 25 since vector lane sums spell out their order (checked with both). A change of any bit of training — noise
 * draws, their order, a reduction order, a kernel — fails this test, which then must be updated on purpose, with
 * the reason in the changelog.
 */
class TrainingFingerprintTest {
    /** Architecture name → fingerprint, with the vector module (as the build runs the tests). */
    private static final Map<String, String> RECORDED = Map.ofEntries(
            Map.entry("mlp", "cb3da475d7d0e261"),
            Map.entry("cnn", "3e650a95e1fbeb8c"),
            Map.entry("resnet20", "e898d17f364f6b8b"),
            Map.entry("resnet", "7f36bf013f0eef69"),
            Map.entry("polynet", "cb017e92b3f90fa5"),
            Map.entry("fractalnet", "eb3ea54ce51c468c"),
            Map.entry("revnet", "d728499f15983c2"),
            Map.entry("lm-resnet", "7c9f76b6b651b1e9"),
            Map.entry("stochastic-depth", "390e1dc3b4eba021"),
            Map.entry("lm-stochastic-depth", "63f34c6e7d7ecd20"),
            Map.entry("shake-shake", "c478cf42293cb231"),
            Map.entry("neural-sde", "4a25f1281a8d5e9d"),
            Map.entry("sde-depth", "1390db1a21566889"));

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
    void trainingGivesTheRecordedBits(String arch) {
        String got = fingerprint(arch, 2);
        assertEquals(RECORDED.get(arch), got, arch);
    }
}
