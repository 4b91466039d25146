package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.math.BlackScholes;

/** Model specifications: the same case by its name and by gbm/heston plus jumps or a barrier; one-line refusals. */
class ModelSpecTest {
    @Test
    void jumpsAndBarriersOnGbmAndHestonAreTheNamedCases() {
        assertEquals(ModelCatalog.of("merton").reference(),
                ModelCatalog.of("gbm", "merton:lambda=1,mu=-0.1,delta=0.15", null).reference(), 0);
        assertEquals(ExponentialJumpModel.merton(90, 0.03, 0.25, 2, -0.2, 0.1).mertonCall(95, 0.5, 0.03, -0.2, 0.1),
                ModelCatalog.of("merton:s0=90,r=0.03,sigma=0.25,lambda=2,mu=-0.2,delta=0.1,strike=95,t=0.5")
                        .reference(), 0);
        assertEquals(ModelCatalog.of("kou").reference(), ModelCatalog.of("gbm:sigma=0.16", "kou", null).reference(), 0);
        assertEquals(ModelCatalog.of("bates").reference(), ModelCatalog.of("heston:r=0.05,kappa=2,sigma=0.5,rho=-0.7,"
                + "t=1,steps=32", "merton:lambda=1,mu=-0.1,delta=0.15", null).reference(), 0);
        assertEquals(ModelCatalog.of("down-and-out").reference(),
                ModelCatalog.of("gbm:sigma=0.3", null, "down-and-out:level=90").reference(), 0);
        assertEquals(BarrierFormulas.upAndOutCall(100, 100, 130, 0.05, 0, 0.2, 1), ModelCatalog.of("up-and-out")
                .reference(), 0);
        assertEquals(BlackScholes.call(100, 110, 0.05, 0, 0.2, 1), ModelCatalog.of("gbm:strike=110").reference(), 0);
        assertEquals(0, ModelCatalog.of("gbm", null, "down-and-out:level=90,monitoring=naive").valueIndex());
        assertEquals(1, ModelCatalog.of("gbm", null, "down-and-out:level=90").valueIndex());
    }

    @Test
    void badSpecificationsAreOneLineNamingTheSettingAndTheKey() {
        refused("jumps = 'merton:lambda=-1': lambda = -1: a jump intensity must be >= 0", "gbm",
                "merton:lambda=-1", null);
        refused("barrier = 'down-and-out:level=110': level = 110: a down-and-out barrier must lie below s0 = 100",
                "gbm", null, "down-and-out:level=110");
        refused("barrier = 'up-and-out:level=90': level = 90: an up-and-out barrier must lie above", "gbm", null,
                "up-and-out:level=90");
        refused("model = 'heston:rho=1.5': rho = 1.5: a correlation must lie in [-1, 1]", "heston:rho=1.5", null, null);
        refused("model = 'heston:sigma=-1': sigma = -1.0", "heston:sigma=-1", null, null);
        refused("model = 'heston:sigma=1e-4,rho=0,kappa=1': the Fourier integral of the reference price did not"
                + " converge", "heston:sigma=1e-4,rho=0,kappa=1", null, null);
        refused("jumps = 'kou:eta1=0.5': eta1 = 0.5: E[exp(ξ)] of double-exponential marks is infinite", "gbm",
                "kou:eta1=0.5", null);
        refused("model = 'merton:lamda=1': unknown key 'lamda'; the keys of merton are", "merton:lamda=1", null, null);
        refused("model = 'sabr': unknown model; the models are gbm, merton", "sabr", null, null);
        refused("model = 'gbm:sigma=abc': sigma = abc: not a number", "gbm:sigma=abc", null, null);
        refused("model = 'gbm:steps=0': steps = 0: must be a whole number", "gbm:steps=0", null, null);
        refused("barrier = 'down-and-out:level=90': a barrier applies to --model gbm only", "heston", null,
                "down-and-out:level=90");
        refused("barrier = 'down-and-out:level=90': a barrier applies to gbm without --jumps", "gbm", "merton",
                "down-and-out:level=90");
        refused("jumps = 'merton': jumps are added to gbm (Merton, Kou) or heston (Bates) only, not to vg", "vg",
                "merton", null);
        refused("jumps = 'levy:lambda=1': unknown jump law", "gbm", "levy:lambda=1", null);
        refused("barrier = 'down-and-out:level=80,monitoring=often': monitoring = often: must be one of bridge, naive",
                "gbm", null, "down-and-out:level=80,monitoring=often");
    }

    private static void refused(String expected, String model, String jumps, String barrier) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.of(model, jumps, barrier));
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "…', got: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
