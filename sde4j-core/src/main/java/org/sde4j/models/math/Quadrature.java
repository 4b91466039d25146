package org.sde4j.models.math;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod quadrature (the 7-point Gauss rule embedded in the 15-point Kronrod rule, the
 * coefficients of Piessens et al. 1983, QUADPACK's QAG): starting from 8 equal pieces, the interval with the largest
 * error estimate is bisected until the sum of the estimates falls below the tolerance. The estimate of one interval
 * is QUADPACK's, {@code resasc · min(1, (200 |K15 − G7| / resasc)^{3/2})}, resasc the Kronrod integral of
 * {@code |f − mean f|}: more cautious than {@code |K15 − G7|} when the two rules agree by chance. Integrals over
 * {@code [a, ∞)} map {@code x = a + s/(1 − s)}, {@code s ∈ [0, 1)}, so an integrand that decays like a power
 * {@code x^−(1+ε)} still has a finite transformed integral. Neither rule evaluates the end points.
 *
 * <p>An integral that does not reach its tolerance within the interval budget, or meets a value that is not finite,
 * throws {@link NotConvergedException}: it is never returned as a number.
 */
public final class Quadrature {
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights of the nodes XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    /** The integral starts on this many equal pieces, so that no single lucky rule ends it. */
    private static final int INITIAL_PIECES = 8;

    private Quadrature() {
    }

    /** An integral and its error estimate (the sum of the sub-intervals' {@code |K15 − G7|}). */
    public record Result(double value, double errorEstimate, int intervals) {
    }

    /** Thrown when an integral does not converge; it carries no value. */
    public static final class NotConvergedException extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        public NotConvergedException(String message) {
            super(message);
        }
    }

    /**
     * ∫_a^b f.
     *
     * @param tolerance    absolute tolerance on the integral, positive
     * @param maxIntervals the budget of sub-intervals, at least 1
     * @throws NotConvergedException when the tolerance is not reached or f is not finite at a node
     */
    public static Result integrate(DoubleUnaryOperator f, double a, double b, double tolerance, int maxIntervals) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + ": must be positive");
        }
        if (maxIntervals < 1) {
            throw new IllegalArgumentException("maxIntervals = " + maxIntervals + ": must be at least 1");
        }
        if (!(Double.isFinite(a) && Double.isFinite(b))) {
            throw new IllegalArgumentException("[a, b] = [" + a + ", " + b + "]: must be finite; use integrateToInfinity");
        }
        PriorityQueue<double[]> queue = new PriorityQueue<>((p, q) -> Double.compare(q[3], p[3]));
        int pieces = Math.min(INITIAL_PIECES, maxIntervals);
        double value = 0;
        double error = 0;
        for (int i = 0; i < pieces; i++) {
            double[] piece = rule(f, a + (b - a) * i / pieces, i == pieces - 1 ? b : a + (b - a) * (i + 1) / pieces);
            queue.add(piece);
            value += piece[2];
            error += piece[3];
        }
        int intervals = pieces;
        while (error > tolerance) {
            if (intervals >= maxIntervals) {
                throw new NotConvergedException("integral over [" + a + ", " + b + "] did not converge: error estimate "
                        + error + " > tolerance " + tolerance + " after " + intervals + " intervals");
            }
            double[] worst = queue.poll();
            double mid = 0.5 * (worst[0] + worst[1]);
            double[] left = rule(f, worst[0], mid);
            double[] right = rule(f, mid, worst[1]);
            value += left[2] + right[2] - worst[2];
            error += left[3] + right[3] - worst[3];
            queue.add(left);
            queue.add(right);
            intervals++;
        }
        // Re-sum from the pieces, so the running updates leave no rounding behind.
        double sum = 0;
        double err = 0;
        for (double[] p : queue) {
            sum += p[2];
            err += p[3];
        }
        return new Result(sum, err, intervals);
    }

    /** ∫_a^∞ f, by the map {@code x = a + s/(1 − s)}. */
    public static Result integrateToInfinity(DoubleUnaryOperator f, double a, double tolerance, int maxIntervals) {
        DoubleUnaryOperator g = s -> {
            double w = 1 - s;
            return f.applyAsDouble(a + s / w) / (w * w);
        };
        return integrate(g, 0, 1, tolerance, maxIntervals);
    }

    /** {a, b, K15, error}: QUADPACK's QK15 error, resasc·min(1, (200 |K15 − G7| / resasc)^{3/2}). */
    private static double[] rule(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = value(f, c);
        double[] lower = new double[7];
        double[] upper = new double[7];
        double kronrod = fc * WGK[7];
        double gauss = fc * WG[3];
        for (int j = 0; j < 7; j++) {
            double dx = h * XGK[j];
            lower[j] = value(f, c - dx);
            upper[j] = value(f, c + dx);
            double sum = lower[j] + upper[j];
            kronrod += WGK[j] * sum;
            if ((j & 1) == 1) {
                gauss += WG[j / 2] * sum;
            }
        }
        double mean = 0.5 * kronrod;
        double asc = WGK[7] * Math.abs(fc - mean);
        for (int j = 0; j < 7; j++) {
            asc += WGK[j] * (Math.abs(lower[j] - mean) + Math.abs(upper[j] - mean));
        }
        asc *= Math.abs(h);
        double error = Math.abs((kronrod - gauss) * h);
        if (asc != 0 && error != 0) {
            error = asc * Math.min(1, Math.pow(200 * error / asc, 1.5));
        }
        return new double[] {a, b, kronrod * h, error};
    }

    private static double value(DoubleUnaryOperator f, double x) {
        double y = f.applyAsDouble(x);
        if (!Double.isFinite(y)) {
            throw new NotConvergedException("integrand = " + y + " at x = " + x + ": not finite, the integral has no value");
        }
        return y;
    }
}
