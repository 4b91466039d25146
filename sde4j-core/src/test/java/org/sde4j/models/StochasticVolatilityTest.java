package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.MarkLaws;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.models.stochvol.Cir;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;
import org.sde4j.random.KeyedStream;

/** CIR and Heston against closed forms and published prices; fixed seeds, 5-standard-error bands. */
class StochasticVolatilityTest {
    @Test
    void hestonFourierMatchesPublishedPrices() {
        // Kahl & Jäckel (2005, "Not-so-complex logarithms in the Heston model"): S = 100, K = 200, T = 10, r = q = 0,
        // V0 = θ = 0.16, κ = 1, σ = 2, ρ = −0.8: 4.95212 (the case where Heston's original form jumps branch).
        Heston kj = Heston.of(100, 0.16, 0, 0, 1, 0.16, 2, -0.8);
        FourierPricer.Price p = kj.call(200, 10, 1e-8);
        assertEquals(4.95212, p.value(), 1e-5, "Kahl–Jäckel");
        assertTrue(p.errorEstimate() <= 1e-8);
        // Values from the Wilmott forum thread "Heston or VG price check", as cached in QuantLib's test suite:
        // S = e^{(q − r)T}, r = 5 %, q = 2 %, T = 0.7, V0 = 0.09, κ = 1.2, θ = 0.08, σ = 1.8, ρ = −0.45.
        double t = 0.7;
        Heston w = Heston.of(Math.exp((0.02 - 0.05) * t), 0.09, 0.05, 0.02, 1.2, 0.08, 1.8, -0.45);
        double[] strikes = {0.9, 1.0, 1.1};
        double[] expected = {0.1330371, 0.0641016, 0.0270645};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], w.call(strikes[i], t, 1e-10).value(), 1e-6, "K = " + strikes[i]);
        }
    }

    @Test
    void batesWithoutVolOfVolLimitIsMertonAndJumpsMatter() {
        // Bates with a small σ, ρ = 0 and V0 = θ is nearly Merton with σ² = θ (the difference is O(σ²)).
        Heston bates = Heston.of(100, 0.04, 0.05, 0, 1, 0.04, 0.01, 0).withJumps(1, MarkLaws.normal(-0.1, 0.15));
        ExponentialJumpModel merton = ExponentialJumpModel.merton(100, 0.05, 0.2, 1, -0.1, 0.15);
        double series = merton.mertonCall(100, 1, 0.05, -0.1, 0.15);
        assertEquals(series, bates.call(100, 1, 1e-8).value(), 1e-3);
        // With σ → 1e−4 the Heston exponent cancels to noise: the integral is reported as not converged, never printed.
        Heston degenerate = Heston.of(100, 0.04, 0.05, 0, 1, 0.04, 1e-4, 0);
        assertThrows(org.sde4j.models.math.Quadrature.NotConvergedException.class,
                () -> degenerate.call(100, 1, 1e-10));
        // Bates by QE (jumps exact per step) against its Fourier price.
        Heston b = Heston.of(100, 0.04, 0.05, 0, 2, 0.04, 0.5, -0.7).withJumps(1, MarkLaws.normal(-0.1, 0.15));
        double fourier = b.call(100, 1, 1e-9).value();
        PathAverages mc = HestonSimulator.callJob(b, HestonScheme.QE_MARTINGALE, 32, 1, 100).paths(100_000).seed(8)
                .threads(2).run();
        assertEquals(fourier, mc.mean(0), 5 * mc.standardError(0) + 0.02, mc + " vs Fourier " + fourier);
    }

    @Test
    void cirExactSamplesHaveTheMomentsAndTheLawOfTheNonCentralChiSquare() {
        Cir cir = Cir.of(0.5, 0.04, 1.0); // Feller fails: 2κθ = 0.04 < σ² = 1
        double x0 = 0.04;
        double dt = 0.5;
        int n = 20_000;
        double[] xs = new double[n];
        KeyedStream s = new KeyedStream();
        ContinuousSampler g = s.gaussian();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            s.reset(17, i, 0);
            xs[i] = cir.sample(s, g, x0, dt);
            sum += xs[i];
        }
        double mean = sum / n;
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        var /= n - 1;
        double se = Math.sqrt(cir.variance(x0, dt) / n);
        assertEquals(cir.mean(x0, dt), mean, 5 * se);
        assertEquals(cir.variance(x0, dt), var, 0.1 * cir.variance(x0, dt));
        // Kolmogorov–Smirnov against the exact law: P(√n D > 2.7) ≈ 2 e^{−2·2.7²} ≈ 9e−7.
        Arrays.sort(xs);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cir.cdf(x0, dt, xs[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (i + 1.0) / n - f));
        }
        assertTrue(Math.sqrt(n) * d < 2.7, "KS statistic √n D = " + Math.sqrt(n) * d);
    }

    @Test
    void cirDistributionFunctionIsTheGammaLawWhenStartingAtZero() {
        // From x = 0 the law is c χ²_δ, i.e. Gamma(δ/2, 2c): P(X ≤ y) = P(δ/2, y/(2c)).
        Cir cir = Cir.of(1, 0.05, 0.3);
        double c = cir.scale(1);
        assertEquals(org.sde4j.models.math.SpecialFunctions.regularizedGammaP(cir.degrees() / 2, 0.03 / (2 * c)),
                cir.cdf(0, 1, 0.03), 1e-14);
    }

    /** Andersen's (2008) case I: κ = 0.5, θ = V0 = 0.04, σ = 1, ρ = −0.9, r = 0, T = 10, K = 100. */
    static final Heston CASE_I = Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -0.9);

    @Test
    void qeBeatsFullTruncationWhereFellerFails() {
        double exact = CASE_I.call(100, 10, 1e-8).value();
        assertEquals(13.0847, exact, 1e-4, "Andersen's case I");
        PathAverages ft = HestonSimulator.callJob(CASE_I, HestonScheme.FULL_TRUNCATION, 20, 10, 100).paths(100_000)
                .seed(4).threads(2).run();
        PathAverages qe = HestonSimulator.callJob(CASE_I, HestonScheme.QE_MARTINGALE, 20, 10, 100).paths(100_000)
                .seed(4).threads(2).run();
        double ftBias = Math.abs(ft.mean(0) - exact);
        double qeBias = Math.abs(qe.mean(0) - exact);
        assertTrue(qeBias + 5 * qe.standardError(0) < ftBias, "QE " + qe + " vs FT " + ft + " vs " + exact);
        assertEquals(exact, qe.mean(0), 5 * qe.standardError(0) + 0.05, qe.toString());
    }

    @Test
    void badHestonParametersNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -1.2));
        assertTrue(e.getMessage().startsWith("rho = -1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heston.of(100, -0.01, 0, 0, 0.5, 0.04, 1, 0));
        assertTrue(e.getMessage().startsWith("v0 = -0.01"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cir.of(0, 0.04, 1));
        assertTrue(e.getMessage().startsWith("kappa = 0.0"), e.getMessage());
    }
}
