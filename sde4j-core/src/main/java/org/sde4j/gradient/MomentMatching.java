package org.sde4j.gradient;

import java.util.Arrays;
import org.sde4j.brownian.VirtualBrownianTree;

/**
 * Trains an SDE as a generative model by matching the marginal means and variances of its paths to target
 * values at the saved times:
 *
 * <pre>    L(θ) = Σ_k Σ_i (mean_{k,i}(θ) − m̂_{k,i})² + (var_{k,i}(θ) − v̂_{k,i})²</pre>
 *
 * <p>over M paths of fixed Brownian trees (the same M paths every epoch, so L is a deterministic function of θ).
 * The loss couples the paths through the sample moments, so each epoch makes two passes: one to solve all
 * paths and compute the moments, one to differentiate each path with
 * {@code ∂L/∂X^{(p)}_{k,i} = 2(mean − m̂)/M + 4(var − v̂)(X^{(p)} − mean)/M}, summed over paths. Why these
 * moments: they are what the fitted models of {@code org.sde4j.fit} match exactly (a Gaussian transition is
 * fixed by them), so a neural SDE trained on them can be compared with those fits; they miss higher-order and
 * cross-time structure, which a distance between path laws (an SDE-GAN, Kidger et al. 2021) would see.
 */
public final class MomentMatching {
    private MomentMatching() {
    }

    /**
     * @param targetMean     m̂, [K][d]
     * @param targetVariance v̂, [K][d]
     * @param paths          M ≥ 2
     * @param seed           the trees use seeds {@code seed + p}
     * @param method         the gradient method
     * @param epochs         Adam epochs
     * @param rate           Adam's step size
     * @param theta          the starting parameters (modified: the trained ones)
     * @return the loss at each epoch (before its update)
     * @throws IllegalStateException when the loss turns non-finite, naming the epoch
     */
    public static double[] train(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            double[][] targetMean, double[][] targetVariance, int paths, long seed, SdeGradient method, int epochs,
            double rate) {
        if (paths < 2) {
            throw new IllegalArgumentException("paths = " + paths + ": need at least 2 for a variance");
        }
        int d = x0.length;
        int k = grid.savedCount();
        VirtualBrownianTree[] trees = trees(grid, d, paths, seed);
        double[] curve = new double[epochs];
        double[] m1 = new double[theta.length];
        double[] m2 = new double[theta.length];
        double[] last = theta.clone();
        for (int epoch = 0; epoch < epochs; epoch++) {
            Moments moments = moments(sde, theta, x0, grid, trees, method);
            double[][][] states = moments.states();
            double[][] mean = moments.mean();
            double[][] var = moments.variance();
            double loss = 0;
            for (int s = 0; s < k; s++) {
                for (int i = 0; i < d; i++) {
                    loss += Math.pow(mean[s][i] - targetMean[s][i], 2) + Math.pow(var[s][i] - targetVariance[s][i], 2);
                }
            }
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("moment matching diverged at epoch " + (epoch + 1) + ": loss " + loss
                        + "; last finite parameters " + Arrays.toString(last));
            }
            curve[epoch] = loss;
            last = theta.clone();
            double[] grad = new double[theta.length];
            for (int p = 0; p < paths; p++) {
                double[][] mine = states[p];
                PathLoss linearised = (st, gradients) -> {
                    for (int s = 0; s < k; s++) {
                        for (int i = 0; i < d; i++) {
                            gradients[s][i] = 2 * (mean[s][i] - targetMean[s][i]) / paths
                                    + 4 * (var[s][i] - targetVariance[s][i]) * (mine[s][i] - mean[s][i]) / paths;
                        }
                    }
                    return 0;
                };
                double[] g = method.compute(sde, theta, x0, grid, trees[p], linearised).dTheta();
                for (int j = 0; j < grad.length; j++) {
                    grad[j] += g[j];
                }
            }
            for (int j = 0; j < theta.length; j++) {
                m1[j] = 0.9 * m1[j] + 0.1 * grad[j];
                m2[j] = 0.999 * m2[j] + 0.001 * grad[j] * grad[j];
                double mHat = m1[j] / (1 - Math.pow(0.9, epoch + 1));
                double vHat = m2[j] / (1 - Math.pow(0.999, epoch + 1));
                theta[j] -= rate * mHat / (Math.sqrt(vHat) + 1e-12);
            }
        }
        return curve;
    }

    /**
     * The sample moments over {@code paths} paths of the trees {@link #train} uses for {@code seed}: what a
     * trained model's law looks like at the saved times, to compare with the targets.
     */
    public static Moments moments(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid, int paths,
            long seed, SdeGradient method) {
        if (paths < 2) {
            throw new IllegalArgumentException("paths = " + paths + ": need at least 2 for a variance");
        }
        return moments(sde, theta, x0, grid, trees(grid, x0.length, paths, seed), method);
    }

    /**
     * Sample moments at the saved times.
     *
     * @param mean     [K][d]
     * @param variance [K][d], the population variance (divided by M)
     * @param states   [M][K][d], every path's saved states
     */
    public record Moments(double[][] mean, double[][] variance, double[][][] states) {
    }

    private static VirtualBrownianTree[] trees(SolveGrid grid, int d, int paths, long seed) {
        VirtualBrownianTree[] trees = new VirtualBrownianTree[paths];
        for (int p = 0; p < paths; p++) {
            trees[p] = VirtualBrownianTree.of(grid.t0(), grid.t1(), (grid.t1() - grid.t0()) / grid.steps(), d, seed + p);
        }
        return trees;
    }

    private static Moments moments(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            VirtualBrownianTree[] trees, SdeGradient method) {
        int paths = trees.length;
        int d = x0.length;
        int k = grid.savedCount();
        PathLoss none = (states, gradients) -> {
            for (double[] g : gradients) {
                Arrays.fill(g, 0);
            }
            return 0;
        };
        double[][][] states = new double[paths][][];
        double[][] mean = new double[k][d];
        double[][] var = new double[k][d];
        for (int p = 0; p < paths; p++) {
            states[p] = method.compute(sde, theta, x0, grid, trees[p], none).savedStates();
            for (int s = 0; s < k; s++) {
                for (int i = 0; i < d; i++) {
                    mean[s][i] += states[p][s][i] / paths;
                }
            }
        }
        for (int s = 0; s < k; s++) {
            for (int i = 0; i < d; i++) {
                for (int p = 0; p < paths; p++) {
                    double c = states[p][s][i] - mean[s][i];
                    var[s][i] += c * c / paths;
                }
            }
        }
        return new Moments(mean, var, states);
    }
}
