package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.levy.LevyModel;
import org.sde4j.models.levy.NormalInverseGaussian;
import org.sde4j.models.levy.VarianceGamma;
import org.sde4j.models.math.Complex;
import org.sde4j.models.mc.PathAverages;

/** Variance Gamma and NIG by subordination against their characteristic functions; 5-standard-error bands. */
class LevyTest {
    @Test
    void varianceGammaFourierPriceMatchesThePublishedReference() {
        // Fang & Oosterlee (2008, the COS method), VG test: S = 100, K = 90, r = 0.1, q = 0, σ = 0.12, θ = −0.14,
        // ν = 0.2: 10.993703187 at T = 0.1 and 19.099354724 at T = 1.
        VarianceGamma vg = VarianceGamma.of(0.12, 0.2, -0.14);
        assertEquals(19.099354724, vg.call(100, 90, 0.1, 0, 1, 1e-9).value(), 1e-7);
        assertEquals(10.993703187, vg.call(100, 90, 0.1, 0, 0.1, 1e-9).value(), 1e-7);
    }

    @Test
    void varianceGammaIncrementsHaveTheirLaw() {
        check(VarianceGamma.of(0.12, 0.2, -0.14), 1, 7);
    }

    @Test
    void normalInverseGaussianIncrementsHaveTheirLaw() {
        check(NormalInverseGaussian.of(15, -5, 0.5), 1, 8);
    }

    /** Mean, variance, the characteristic function at u = 2, 8 and a call, from sums of 4 exact increments. */
    private static void check(LevyModel model, double t, long seed) {
        double[] us = {2, 8};
        PathAverages r = LevyModel.job(model, 4, t, 100, 0.05, us, 100).paths(200_000).seed(seed).threads(2).run();
        assertEquals(model.mean(t), r.mean(0), 5 * r.standardError(0), r.toString());
        assertEquals(model.variance(t), r.variance(0), 0.03 * model.variance(t), r.toString());
        for (int k = 0; k < us.length; k++) {
            Complex phi = model.characteristic(Complex.real(us[k]), t);
            assertEquals(phi.re(), r.mean(1 + k), 5 * r.standardError(1 + k), "Re φ(" + us[k] + ") " + r);
            assertEquals(phi.im(), r.mean(3 + k), 5 * r.standardError(3 + k), "Im φ(" + us[k] + ") " + r);
        }
        double fourier = model.call(100, 100, 0.05, 0, t, 1e-9).value();
        assertEquals(fourier, r.mean(5), 5 * r.standardError(5), r + " vs Fourier " + fourier);
    }

    @Test
    void parametersOutsideTheirDomainNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormalInverseGaussian.of(2, 3, 1));
        assertTrue(e.getMessage().startsWith("alpha = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VarianceGamma.of(0.12, -1, 0));
        assertTrue(e.getMessage().startsWith("nu = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VarianceGamma.of(1, 1, 0.9).martingaleCorrection());
        assertTrue(e.getMessage().startsWith("theta = 0.9"), e.getMessage());
    }
}
