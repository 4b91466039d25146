package org.sde4j.cli.experiment;

import org.sde4j.fit.TimeSeries;
import org.sde4j.gradient.MomentMatching;
import org.sde4j.gradient.NeuralSde;
import org.sde4j.gradient.ReversibleHeunGradient;
import org.sde4j.gradient.SolveGrid;

/**
 * {@code sde4j fit --model neural}: a neural SDE ({@link NeuralSde}, drift and diffusion one-hidden-layer networks
 * of (x, t)) fitted to a single series as a generative model of its windows.
 *
 * <p>The series is cut into non-overlapping windows of {@code L} steps; each window is a path started at 0,
 * {@code y_k = log(x_{i+k} / x_i)} when every value is positive (else {@code x_{i+k} − x_i}), divided by the
 * standard deviation σ₁ of the one-step increments, so that a random walk has variance ≈ k at horizon k. The
 * model runs on [0, L] with 4 steps per data step, and {@link MomentMatching} trains it (reversible Heun
 * gradients, 128 fixed Brownian paths) to the windows' mean and variance at horizons 1 … L. What it matches is
 * what the likelihood models of {@code org.sde4j.fit} are fixed by — the first two moments of the law at each
 * horizon — so the two can be compared; it does not see higher moments or the dependence across horizons.
 */
public final class NeuralFit {
    /** Brownian paths the moments are estimated on. */
    public static final int PATHS = 128;
    private static final int SUBSTEPS = 4;

    private NeuralFit() {
    }

    /**
     * The fit.
     *
     * @param windows      the number of windows M
     * @param window       their length L in data steps
     * @param logarithmic  whether the windows are of log values
     * @param scale        σ₁, the one-step standard deviation the windows were divided by
     * @param parameters   the network's parameter count
     * @param curve        the moment-matching loss per epoch (before its update)
     * @param dataMean     the windows' mean at horizons 1 … L (scaled)
     * @param dataVariance their variance (scaled, divided by M)
     * @param modelMean    the trained model's mean at horizons 1 … L
     * @param modelVariance the trained model's variance
     */
    public record Result(int windows, int window, boolean logarithmic, double scale, int parameters, double[] curve,
            double[] dataMean, double[] dataVariance, double[] modelMean, double[] modelVariance) {
    }

    /**
     * @throws IllegalArgumentException when the series makes fewer than 2 windows, or its increments do not vary
     * @throws IllegalStateException    when the loss turns non-finite (naming the epoch and the last parameters)
     */
    public static Result fit(TimeSeries series, int window, int hidden, int epochs, double rate, long seed) {
        if (window < 1) {
            throw new IllegalArgumentException("--window = " + window + ": must be at least 1 step");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs = " + epochs + ": must be at least 1");
        }
        int n = series.size();
        int windows = (n - 1) / window;
        if (windows < 2) {
            throw new IllegalArgumentException("--window = " + window + ": the series of " + n + " points makes "
                    + windows + " window" + (windows == 1 ? "" : "s") + " of " + window + " steps; at least 2 are"
                    + " needed: use a shorter window");
        }
        boolean logarithmic = true;
        for (int i = 0; i < n; i++) {
            logarithmic &= series.value(i) > 0;
        }
        double[] level = new double[n];
        for (int i = 0; i < n; i++) {
            level[i] = logarithmic ? Math.log(series.value(i)) : series.value(i);
        }
        double sum = 0;
        double sumSquares = 0;
        for (int i = 1; i < n; i++) {
            double step = level[i] - level[i - 1];
            sum += step;
            sumSquares += step * step;
        }
        double scale = Math.sqrt(Math.max(0, sumSquares / (n - 1) - Math.pow(sum / (n - 1), 2)));
        if (!(scale > 0)) {
            throw new IllegalArgumentException("series '" + series.name() + "': its increments do not vary, so there"
                    + " is no noise to model");
        }
        double[] dataMean = new double[window];
        double[] dataVariance = new double[window];
        for (int k = 1; k <= window; k++) {
            double m = 0;
            for (int w = 0; w < windows; w++) {
                m += (level[w * window + k] - level[w * window]) / scale / windows;
            }
            double v = 0;
            for (int w = 0; w < windows; w++) {
                double c = (level[w * window + k] - level[w * window]) / scale - m;
                v += c * c / windows;
            }
            dataMean[k - 1] = m;
            dataVariance[k - 1] = v;
        }
        double[][] targetMean = new double[window][1];
        double[][] targetVariance = new double[window][1];
        for (int k = 0; k < window; k++) {
            targetMean[k][0] = dataMean[k];
            targetVariance[k][0] = dataVariance[k];
        }
        NeuralSde sde = new NeuralSde(1, hidden);
        double[] theta = sde.initialParameters(seed, 0);
        SolveGrid grid = SolveGrid.savingEvery(0, window, SUBSTEPS * window, SUBSTEPS);
        double[] x0 = {0};
        double[] curve = MomentMatching.train(sde, theta, x0, grid, targetMean, targetVariance, PATHS, seed,
                ReversibleHeunGradient.reversing(), epochs, rate);
        MomentMatching.Moments trained = MomentMatching.moments(sde, theta, x0, grid, PATHS, seed,
                ReversibleHeunGradient.reversing());
        double[] modelMean = new double[window];
        double[] modelVariance = new double[window];
        for (int k = 0; k < window; k++) {
            modelMean[k] = trained.mean()[k][0];
            modelVariance[k] = trained.variance()[k][0];
        }
        return new Result(windows, window, logarithmic, scale, sde.parameterCount(), curve, dataMean, dataVariance,
                modelMean, modelVariance);
    }
}
