package org.sde4j.fit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Maximum likelihood for a {@link TransitionModel}: full-batch gradient descent (Adam; Kingma &amp; Ba 2015) on
 * the mean negative exact log-likelihood, then Newton steps on the observed information, which also gives the
 * standard errors ({@code SE = √diag(I⁻¹)}, {@code I = −∇² log L} by central differences of the analytic
 * gradient). The first {@code 1 − heldOutFraction} of the transitions train; the rest score.
 */
public final class Fitter {
    private Fitter() {
    }

    /**
     * Fits {@code model} to {@code series}.
     *
     * @throws IllegalArgumentException when the model needs positive values and the series has one that is not
     * @throws FitDivergedException     when the loss becomes NaN or infinite
     * @throws NotIdentifiedException   when the observed information at the estimate is singular or near-singular
     *                                  (scaled to unit diagonal, condition number above 10¹⁰): the series does not determine some parameters
     */
    public static FitResult fit(TransitionModel model, TimeSeries series, FitOptions options) {
        if (model.needsPositiveValues()) {
            for (int i = 0; i < series.size(); i++) {
                if (!(series.value(i) > 0)) {
                    throw new IllegalArgumentException("series '" + series.name() + "' point " + i + ": value "
                            + series.value(i) + "; model " + model.name() + " needs positive values");
                }
            }
        }
        int all = series.size() - 1;
        int heldOut = (int) Math.floor(all * options.heldOutFraction());
        int train = all - heldOut;
        if (train < model.parameterCount() + 1) {
            throw new IllegalArgumentException("series '" + series.name() + "': " + train + " training transitions for "
                    + model.parameterCount() + " parameters; more data or a smaller held-out share is needed");
        }
        TimeSeries training = series.slice(0, train + 1);
        int p = model.parameterCount();
        double[] theta = model.initialGuess(training);
        double[] grad = new double[p];
        double[] m1 = new double[p];
        double[] m2 = new double[p];
        double[] curve = new double[options.epochs()];
        double[] lastFinite = model.natural(theta);
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            double loss = -LogLikelihood.of(model, theta, series, 0, train, grad) / train;
            if (!Double.isFinite(loss) || !finite(grad)) {
                throw new FitDivergedException(model.name(), epoch + 1, loss, lastFinite);
            }
            curve[epoch] = loss;
            lastFinite = model.natural(theta);
            for (int j = 0; j < p; j++) {
                double g = -grad[j] / train;
                m1[j] = 0.9 * m1[j] + 0.1 * g;
                m2[j] = 0.999 * m2[j] + 0.001 * g * g;
                double mHat = m1[j] / (1 - Math.pow(0.9, epoch + 1));
                double vHat = m2[j] / (1 - Math.pow(0.999, epoch + 1));
                theta[j] -= options.learningRate() * mHat / (Math.sqrt(vHat) + 1e-12);
            }
        }
        double ll = LogLikelihood.of(model, theta, series, 0, train, grad);
        if (!Double.isFinite(ll)) {
            throw new FitDivergedException(model.name(), options.epochs() + 1, -ll / train, lastFinite);
        }
        for (int step = 0; step < options.newtonSteps(); step++) {
            DMatrixRMaj info = information(model, theta, series, train);
            double[] delta = solve(info, grad);
            double scale = 1;
            boolean improved = false;
            for (int halving = 0; halving < 30 && !improved; halving++, scale /= 2) {
                double[] trial = theta.clone();
                for (int j = 0; j < p; j++) {
                    trial[j] += scale * delta[j];
                }
                double value = LogLikelihood.of(model, trial, series, 0, train, null);
                if (Double.isFinite(value) && value >= ll) {
                    theta = trial;
                    ll = LogLikelihood.of(model, theta, series, 0, train, grad);
                    improved = true;
                }
            }
            if (!improved) {
                break;
            }
        }
        DMatrixRMaj covariance = information(model, theta, series, train);
        Identification.check(model, covariance);
        if (!CommonOps_DDRM.invert(covariance)) {
            throw new IllegalStateException(model.name() + " fit: the observed information is singular at "
                    + java.util.Arrays.toString(model.natural(theta)) + "; the parameters are not identified");
        }
        double[] natural = model.natural(theta);
        double[] derivative = model.naturalDerivative(theta);
        double[] se = new double[p];
        double gradientNorm = 0;
        for (int j = 0; j < p; j++) {
            se[j] = Math.abs(derivative[j]) * Math.sqrt(Math.max(covariance.get(j, j), 0));
            gradientNorm = Math.max(gradientNorm, Math.abs(grad[j]) / train);
        }
        double score = heldOut == 0 ? Double.NaN
                : LogLikelihood.of(model, theta, series, train, all, null) / heldOut;
        return new FitResult(model.name(), model.parameterNames(), natural, se, ll, train, score, heldOut,
                options.epochs(), curve, gradientNorm);
    }

    /** The observed information {@code −∇² log L}, symmetrised, by central differences of the gradient. */
    static DMatrixRMaj information(TransitionModel model, double[] theta, TimeSeries s, int train) {
        int p = theta.length;
        DMatrixRMaj info = new DMatrixRMaj(p, p);
        double[] gPlus = new double[p];
        double[] gMinus = new double[p];
        for (int j = 0; j < p; j++) {
            double eps = 1e-5 * Math.max(1, Math.abs(theta[j]));
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += eps;
            minus[j] -= eps;
            LogLikelihood.of(model, plus, s, 0, train, gPlus);
            LogLikelihood.of(model, minus, s, 0, train, gMinus);
            for (int l = 0; l < p; l++) {
                info.set(j, l, -(gPlus[l] - gMinus[l]) / (2 * eps));
            }
        }
        DMatrixRMaj symmetric = new DMatrixRMaj(p, p);
        CommonOps_DDRM.transpose(info, symmetric);
        CommonOps_DDRM.addEquals(symmetric, info);
        CommonOps_DDRM.scale(0.5, symmetric);
        return symmetric;
    }

    private static double[] solve(DMatrixRMaj a, double[] b) {
        DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
        if (!CommonOps_DDRM.solve(a, new DMatrixRMaj(b.length, 1, true, b), x)) {
            return new double[b.length];
        }
        return x.data.clone();
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
