package org.sde4j.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The drift's spectral-radius bound: kept by copies of the same drift, dropped with a new one, checked when read. */
class SpectralRadiusBoundTest {
    private static Sde.Builder gbm() {
        return Sde.builder(1, 1).drift((t, x, out) -> out[0] = -2 * x[0])
                .diagonalDiffusion((t, x, out) -> out[0] = 0.5 * x[0])
                .diffusionDerivative((t, x, out) -> out[0] = 0.5);
    }

    @Test
    void aCopyWithTheSameDriftKeepsTheBoundAndANewDriftDropsIt() {
        Sde sde = gbm().driftSpectralRadius((t, x) -> 2).build();
        assertEquals(2, sde.driftSpectralRadius(0, new double[] {1}));
        assertTrue(sde.interpretedIn(Calculus.STRATONOVICH).hasDriftSpectralRadius(), "same drift, other calculus");
        assertFalse(sde.toBuilder().drift((t, x, out) -> out[0] = -x[0]).build().hasDriftSpectralRadius(), "new drift");
        assertFalse(sde.convertedTo(Calculus.STRATONOVICH).hasDriftSpectralRadius(), "corrected drift");
    }

    @Test
    void aMissingOrInvalidBoundIsAClearError() {
        Sde none = gbm().build();
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> none.driftSpectralRadius(0, new double[] {1}));
        assertTrue(missing.getMessage().contains("driftSpectralRadius(...)"), missing.getMessage());
        Sde nan = gbm().driftSpectralRadius((t, x) -> Double.NaN).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nan.driftSpectralRadius(0.25, new double[] {1}));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("t = 0.25"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gbm().driftSpectralRadius(null));
    }
}
