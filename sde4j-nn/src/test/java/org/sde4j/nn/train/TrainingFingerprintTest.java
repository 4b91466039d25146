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
 * in the parameters and test accuracy fingerprinted here, recorded before the block noise became a
 * {@link org.sde4j.random.NoiseModel} and the thread pool an instance. A change of any bit of training — noise
 * draws, their order, a reduction order, a kernel — fails this test, which then must be updated on purpose, with
 * the reason in the changelog.
 */
class TrainingFingerprintTest {
    /** Architecture name → fingerprint, recorded on the code before the change (commit 2a03fe1). */
    private static final Map<String, String> RECORDED = Map.ofEntries(
            Map.entry("mlp", "cb3da475d7d0e261"),
            Map.entry("cnn", "5cdab82717336c09"),
            Map.entry("resnet20", "50d83c3b632b46ca"),
            Map.entry("resnet", "a90e11ed487b7b0"),
            Map.entry("polynet", "f505d755d4a6cc33"),
            Map.entry("fractalnet", "9da0f1fc80fb2477"),
            Map.entry("revnet", "d1ccf3f64f689103"),
            Map.entry("lm-resnet", "3245bd2d9104841c"),
            Map.entry("stochastic-depth", "ef42455a7369ac52"),
            Map.entry("lm-stochastic-depth", "79a6a8c98710c664"),
            Map.entry("shake-shake", "2e1083afefdfd109"),
            Map.entry("neural-sde", "2ed5ba32aa903b6d"),
            Map.entry("sde-depth", "71e52dd76a6ea5b4"));

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
