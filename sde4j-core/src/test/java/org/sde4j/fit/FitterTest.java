package org.sde4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Maximum likelihood recovers the parameters of paths simulated from known values, on fixed seeds: each
 * estimate lies within 3 of its standard errors of the truth (the seeds are fixed, so the test is deterministic;
 * for a correct fit a 3-SE miss has probability about 0.3 % per parameter). The analytic likelihood gradients
 * agree with central differences, gradient descent reaches GBM's closed-form estimate, and a diverging fit
 * names its epoch.
 */
class FitterTest {
    static final SeasonalOuModel SEASONAL = new SeasonalOuModel(365.25, 1.0);

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(GbmModel.INSTANCE, GbmModel.theta(0.08, 0.3), 100.0, 1.0 / 252, 2521),
                Arguments.of(OuModel.plain(), OuModel.theta(2.0, 1.0, 0.5), 0.0, 0.01, 5001),
                Arguments.of(OuModel.ofLogarithm(), OuModel.theta(1.5, Math.log(50), 0.4), 40.0, 1.0 / 52, 3001),
                Arguments.of(SEASONAL, new double[] {52, -3, -10, 4, -2, Math.log(8), Math.log(12)}, 45.0,
                        1.0 / 24, 8760));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void recoversTrueParametersWithinThreeStandardErrors(TransitionModel model, double[] theta, double x0, double dt,
            int n) {
        TimeSeries s = Synthetic.simulate(model, theta, x0, 0, dt, n, 2026);
        FitResult fit = Fitter.fit(model, s, FitOptions.DEFAULT);
        double[] truth = model.natural(theta);
        for (int j = 0; j < truth.length; j++) {
            double z = (fit.estimates()[j] - truth[j]) / fit.standardErrors()[j];
            System.out.printf("%s %s: true %.5g, fitted %.5g ± %.3g (z = %.2f)%n", model.name(), fit.names().get(j),
                    truth[j], fit.estimates()[j], fit.standardErrors()[j], z);
            assertTrue(Math.abs(z) < 3, model.name() + " " + fit.names().get(j) + ": z = " + z);
        }
        assertTrue(fit.gradientNorm() < 1e-8, "gradient at the estimate " + fit.gradientNorm());
        assertTrue(Double.isFinite(fit.heldOutScore()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void likelihoodGradientMatchesCentralDifferences(TransitionModel model, double[] theta, double x0, double dt,
            int n) {
        TimeSeries s = Synthetic.simulate(model, theta, x0, 0, dt, 200, 7);
        double[] start = theta.clone();
        for (int j = 0; j < start.length; j++) {
            start[j] += 0.1 * (j % 2 == 0 ? 1 : -1);
        }
        double[] grad = new double[start.length];
        LogLikelihood.of(model, start, s, 0, 199, grad);
        for (int j = 0; j < start.length; j++) {
            double eps = 1e-6;
            double[] plus = start.clone();
            double[] minus = start.clone();
            plus[j] += eps;
            minus[j] -= eps;
            double fd = (LogLikelihood.of(model, plus, s, 0, 199, null) - LogLikelihood.of(model, minus, s, 0, 199, null))
                    / (2 * eps);
            assertEquals(fd, grad[j], 1e-6 * (1 + Math.abs(fd)), model.name() + " θ" + j);
        }
    }

    @Test
    void gradientDescentReachesTheClosedFormGbmEstimate() {
        double dt = 1.0 / 252;
        TimeSeries s = Synthetic.simulate(GbmModel.INSTANCE, GbmModel.theta(0.05, 0.2), 10, 0, dt, 1001, 3);
        FitResult fit = Fitter.fit(GbmModel.INSTANCE, s, new FitOptions(0.02, 800, 20, 0));
        double mean = 0;
        for (int i = 0; i < 1000; i++) {
            mean += Math.log(s.value(i + 1) / s.value(i)) / 1000;
        }
        double var = 0;
        for (int i = 0; i < 1000; i++) {
            double r = Math.log(s.value(i + 1) / s.value(i)) - mean;
            var += r * r / 1000;
        }
        double sigma = Math.sqrt(var / dt);
        assertEquals(sigma, fit.estimates()[1], 1e-9);
        assertEquals(mean / dt + sigma * sigma / 2, fit.estimates()[0], 1e-7);
        assertEquals(sigma / Math.sqrt(2 * 1000), fit.standardErrors()[1], 1e-3 * sigma);
        assertEquals(sigma / Math.sqrt(1000 * dt), fit.standardErrors()[0], 0.01 * sigma / Math.sqrt(1000 * dt));
    }

    /**
     * Issue 28's silent wrong answer: a daily series (one row per day, integer times) with the default periods
     * 365.25 and 1. At integer times sin(2πt) = 0 and cos(2πt) = 1, so b2 does not move the likelihood and c2 is
     * the constant a again; the fit printed a = 2.3·10¹² with standard errors of 0.000. It is refused, naming the
     * parameters and the periods.
     */
    @Test
    void aDailyCycleOnDailyDataIsRefusedNamingTheParametersAndThePeriods() {
        SeasonalOuModel plainOu = new SeasonalOuModel(365.25);
        TimeSeries daily = Synthetic.simulate(plainOu, new double[] {10, 3, -2, Math.log(0.3), Math.log(2)}, 10, 0, 1.0,
                1500, 4);
        NotIdentifiedException e = assertThrows(NotIdentifiedException.class,
                () -> Fitter.fit(SEASONAL, daily, new FitOptions(0.02, 200, 20, 0.2)));
        assertTrue(e.parameters().contains("b2"), e.getMessage());
        assertTrue(e.getMessage().contains("periods = 365.25,1.0"), e.getMessage());
        // Without the daily period the same series is fitted, and its estimates are within 4 standard errors.
        FitResult ok = Fitter.fit(plainOu, daily, new FitOptions(0.02, 800, 20, 0.2));
        assertEquals(10, ok.estimates()[0], 4 * ok.standardErrors()[0], ok.toString());
    }

    /** Two parameters that enter only through their sum (c2 and a when cos(2πt) = 1) are named together. */
    @Test
    void collinearParametersAreNamedTogether() {
        TimeSeries daily = Synthetic.simulate(new SeasonalOuModel(365.25), new double[] {10, 3, -2, Math.log(0.3),
            Math.log(2)}, 10, 0, 1.0, 1500, 5);
        org.ejml.data.DMatrixRMaj info = Fitter.information(SEASONAL,
                new double[] {10, 3, -2, 0, 0, Math.log(0.3), Math.log(2)}, daily, 1000);
        NotIdentifiedException e = assertThrows(NotIdentifiedException.class,
                () -> Identification.check(SEASONAL, info));
        assertTrue(e.parameters().contains("b2"), e.getMessage());
        info.set(3, 3, 1);
        for (int j = 0; j < 7; j++) {
            if (j != 3) {
                info.set(3, j, 0);
                info.set(j, 3, 0);
            }
        }
        NotIdentifiedException collinear = assertThrows(NotIdentifiedException.class,
                () -> Identification.check(SEASONAL, info));
        assertTrue(collinear.parameters().containsAll(java.util.List.of("a", "c2")), collinear.getMessage());
    }

    @Test
    void aDivergingFitNamesItsEpochAndLastFiniteParameters() {
        TimeSeries s = Synthetic.simulate(OuModel.plain(), OuModel.theta(2, 1, 0.5), 0, 0, 0.01, 500, 1);
        FitDivergedException e = assertThrows(FitDivergedException.class,
                () -> Fitter.fit(OuModel.plain(), s, new FitOptions(1000, 400, 0, 0.2)));
        assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
        assertTrue(e.epoch() > 1);
        for (double v : e.lastFiniteParameters()) {
            assertTrue(Double.isFinite(v), e.getMessage());
        }
    }

    @Test
    void badSeriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("x", new double[] {0, 1, 1}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("point 2"), e.getMessage());
        TimeSeries negative = new TimeSeries("x", new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, -3, 4, 5});
        e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(GbmModel.INSTANCE, negative,
                FitOptions.DEFAULT));
        assertTrue(e.getMessage().contains("point 2") && e.getMessage().contains("positive"), e.getMessage());
    }
}
