package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;

/**
 * One step of each scheme against its formula, evaluated by hand for GBM
 * ({@code f = a x}, {@code g = b x}, {@code g' = b}).
 */
class SchemeStepTest {
    private static final double A = 0.7;
    private static final double B = 0.4;
    private static final double X = 1.3;
    private static final double H = 0.01;
    private static final double DW = 0.123;
    private static final Sde GBM = Sde.scalar((t, x) -> A * x, (t, x) -> B * x).withDiffusionDerivative((t, x) -> B);

    private static double step(Scheme scheme, Sde sde) {
        Increment noise = new Increment(1);
        noise.set(H, DW);
        double[] x = {X};
        scheme.newStepper(sde).step(0.0, x, noise);
        return x[0];
    }

    @Test
    void eulerMaruyama() {
        assertEquals(X + A * X * H + B * X * DW, step(EulerMaruyama.INSTANCE, GBM), 1e-15);
    }

    @Test
    void milsteinIto() {
        assertEquals(X + A * X * H + B * X * DW + 0.5 * B * X * B * (DW * DW - H), step(Milstein.ITO, GBM), 1e-15);
    }

    @Test
    void milsteinStratonovich() {
        Sde strat = GBM.interpretedIn(Calculus.STRATONOVICH);
        assertEquals(X + A * X * H + B * X * DW + 0.5 * B * X * B * DW * DW, step(Milstein.STRATONOVICH, strat), 1e-15);
    }

    @Test
    void derivativeFreeMilsteinIsExactForLinearDiffusion() {
        // For g = b x the difference quotients equal the derivative exactly.
        double itoSupport = X + A * X * H + B * X * Math.sqrt(H);
        double expected = X + A * X * H + B * X * DW + (B * itoSupport - B * X) * (DW * DW - H) / (2 * Math.sqrt(H));
        assertEquals(expected, step(DerivativeFreeMilstein.ITO, GBM), 1e-15);
        assertEquals(step(Milstein.STRATONOVICH, GBM.interpretedIn(Calculus.STRATONOVICH)),
                step(DerivativeFreeMilstein.STRATONOVICH, GBM.interpretedIn(Calculus.STRATONOVICH)), 1e-15);
    }

    @Test
    void conversionToStratonovichSubtractsHalfGGPrime() {
        Sde strat = GBM.convertedTo(Calculus.STRATONOVICH);
        double[] out = new double[1];
        strat.drift(0, new double[] {X}, out);
        assertEquals((A - 0.5 * B * B) * X, out[0], 1e-15);
        strat.convertedTo(Calculus.ITO).drift(0, new double[] {X}, out);
        assertEquals(A * X, out[0], 1e-15);
        assertEquals(Calculus.STRATONOVICH, strat.calculus());
    }
}
