package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.levy.VarianceGamma;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.stochvol.Heston;

/**
 * The Fourier pricer's error estimate is honest: a price at a loose tolerance lies within its own error estimate of
 * the price at a tolerance ten thousand times tighter, for Heston (easy and trap cases), Merton and short-dated VG.
 */
class FourierToleranceTest {
    private interface Pricer {
        FourierPricer.Price price(double tolerance);
    }

    private static void check(String name, Pricer p) {
        for (double loose : new double[] {1e-3, 1e-5}) {
            FourierPricer.Price a = p.price(loose);
            FourierPricer.Price b = p.price(loose * 1e-4);
            double error = Math.abs(a.value() - b.value());
            assertTrue(a.errorEstimate() <= loose, name + ": estimate " + a.errorEstimate() + " above tolerance " + loose);
            assertTrue(error <= a.errorEstimate() + b.errorEstimate(), name + " at tolerance " + loose + ": error "
                    + error + " exceeds the estimate " + a.errorEstimate());
        }
    }

    @Test
    void errorEstimatesBoundTheActualError() {
        Heston andersen = Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -0.9);
        check("Heston case I K 100", t -> andersen.call(100, 10, t));
        check("Heston case I K 140", t -> andersen.call(140, 10, t));
        Heston kj = Heston.of(100, 0.16, 0, 0, 1, 0.16, 2, -0.8);
        check("Kahl–Jäckel", t -> kj.call(200, 10, t));
        ExponentialJumpModel merton = ExponentialJumpModel.merton(100, 0.05, 0.2, 1.0, -0.1, 0.15);
        check("Merton K 80", t -> merton.fourierCall(80, 1, 0.05, t));
        VarianceGamma vg = VarianceGamma.of(0.12, 0.2, -0.14);
        check("VG T 0.1", t -> vg.call(100, 90, 0.1, 0, 0.1, t));
    }
}
