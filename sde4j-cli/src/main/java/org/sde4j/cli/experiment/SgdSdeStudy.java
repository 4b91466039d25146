package org.sde4j.cli.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sde4j.cli.output.Format;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.error.OrderFit;
import org.sde4j.nn.sgd.LeastSquaresSgd.Moments;
import org.sde4j.nn.sgd.LeastSquaresSgd;
import org.sde4j.nn.sgd.ModifiedEquation;
import org.sde4j.notebook.Display;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * SGD on a least-squares problem against its stochastic modified equations (Li, Tai &amp; E 2017): the weak
 * error against η from exact moments on both sides, the equations solved by sde4j's weak schemes (Monte Carlo
 * against the exact moments), and the stationary spread at a fixed noise scale η/B (Smith &amp; Le 2018). The
 * study of {@code sde4j sgd-sde} and of notebook 08.
 */
public final class SgdSdeStudy {
    /** The problem of the study: 100 points, a = 1 + 0.5z, b = 2a + z', seed 1. */
    public static final LeastSquaresSgd PROBLEM = LeastSquaresSgd.synthetic(100, 0.5, 2, 1, 1);
    /** SGD starts at 0. */
    public static final double X0 = 0;
    /** The horizon T = kη at which laws are compared. */
    public static final double HORIZON = 2;

    private SgdSdeStudy() {
    }

    /** The learning rates of the weak-error study: T/K for K = 8, 16, ..., 1024. */
    public static double[] etas() {
        double[] e = new double[8];
        for (int i = 0; i < e.length; i++) {
            e[i] = HORIZON / (8 << i);
        }
        return e;
    }

    /**
     * |E φ(x_{T/η}) − E φ(X_T)| for φ(x) = x (column 0) and φ(x) = x² (column 1), exact on both sides, for the
     * SME of the given order, one row per {@link #etas()}.
     */
    public static double[][] weakErrors(int batch, int order) {
        double[] etas = etas();
        double[][] e = new double[etas.length][2];
        for (int i = 0; i < etas.length; i++) {
            Moments sgd = PROBLEM.moments(X0, etas[i], batch, (int) Math.round(HORIZON / etas[i]));
            Moments sme = new ModifiedEquation(PROBLEM, etas[i], batch, order).moments(X0, HORIZON);
            e[i][0] = Math.abs(sgd.mean() - sme.mean());
            e[i][1] = Math.abs(sgd.second() - sme.second());
        }
        return e;
    }

    public static String weakErrorTable(int batch) {
        double[] etas = etas();
        double[][] one = weakErrors(batch, 1);
        double[][] two = weakErrors(batch, 2);
        StringBuilder b = new StringBuilder(Format.f("Weak error at T = %.0f, B = %d, exact moments on both sides:%n%n"
                + "| η | SGD E x_k | SGD Var x_k | order-1 SME: error in E x | error in E x² | order-2 SME: error in E x"
                + " | error in E x² |%n|---|---|---|---|---|---|---|%n", HORIZON, batch));
        for (int i = 0; i < etas.length; i++) {
            Moments sgd = PROBLEM.moments(X0, etas[i], batch, (int) Math.round(HORIZON / etas[i]));
            b.append(Format.f("| %.6f | %.6f | %.6f | %.3e | %.3e | %.3e | %.3e |%n", etas[i], sgd.mean(),
                    sgd.variance(), one[i][0], one[i][1], two[i][0], two[i][1]));
        }
        b.append(Format.f("| fitted slope (all η) | | | %.3f | %.3f | %.3f | %.3f |%n%n", slope(etas, one, 0),
                slope(etas, one, 1), slope(etas, two, 0), slope(etas, two, 1)));
        return b.toString();
    }

    private static double slope(double[] etas, double[][] errors, int column) {
        double[] e = new double[etas.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = errors[i][column];
        }
        return OrderFit.leastSquaresSlope(etas, e);
    }

    /** E X_T and E X_T² of the SME solved by an sde4j ensemble, with their standard errors: {m, se, s, se}. */
    public static double[] solved(double eta, int batch, int order, int steps, int paths, long seed) {
        var result = Ensemble.of(new ModifiedEquation(PROBLEM, eta, batch, order).problem(X0, HORIZON),
                WeakSchemes.PLATEN_WEAK_2).steps(steps).paths(paths).seed(seed).keepFinalStates(true).run();
        return meanAndSecond(result.finalStates());
    }

    /** {mean, its standard error, mean of squares, its standard error} of a sample. */
    public static double[] meanAndSecond(double[] x) {
        double m = 0;
        double s = 0;
        for (double v : x) {
            m += v / x.length;
            s += v * v / x.length;
        }
        double vm = 0;
        double vs = 0;
        for (double v : x) {
            vm += (v - m) * (v - m);
            vs += (v * v - s) * (v * v - s);
        }
        int n = x.length;
        return new double[] {m, Math.sqrt(vm / (n - 1) / n), s, Math.sqrt(vs / (n - 1) / n)};
    }

    public static String solvedTable(int batch, int paths) {
        StringBuilder b = new StringBuilder(Format.f("The SMEs solved by sde4j's `platen-weak2` (weak order 2, "
                + "three-point increments, step η/4, %,d paths) and SGD itself simulated (%,d runs), against "
                + "the exact second moment E x² at T (± 2 standard errors):%n%n| η | SGD exact | SGD simulated |"
                + " order-1 SME exact | order-1 SME, platen-weak2 | order-2 SME exact | order-2 SME, platen-weak2 |"
                + "%n|---|---|---|---|---|---|---|%n", paths, paths));
        for (double eta : new double[] {0.25, 0.125, 0.0625}) {
            int k = (int) Math.round(HORIZON / eta);
            double[] sgd = meanAndSecond(PROBLEM.run(X0, eta, batch, k, paths, 11));
            b.append(Format.f("| %.4f | %.5f | %.5f ± %.5f |", eta, PROBLEM.moments(X0, eta, batch, k).second(),
                    sgd[2], 2 * sgd[3]));
            for (int order = 1; order <= 2; order++) {
                double[] sme = solved(eta, batch, order, 4 * k, paths, 12);
                b.append(Format.f(" %.5f | %.5f ± %.5f |",
                        new ModifiedEquation(PROBLEM, eta, batch, order).moments(X0, HORIZON).second(), sme[2], 2 * sme[3]));
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    /** Batch sizes of the noise-scale study. */
    public static final int[] BATCHES = {1, 2, 4, 8, 16, 32};

    public static String spreadTable(int runs) {
        StringBuilder b = new StringBuilder(Format.f("Stationary standard deviation of SGD at a fixed noise scale η/B "
                + "(exact, and simulated: %,d runs of 10/(η h̄) steps from x*, ± 2 standard errors of the sd), "
                + "against the SMEs' stationary laws:%n%n| η/B | B | η | SGD sd exact | SGD sd simulated |"
                + " order-1 SME sd | order-2 SME sd |%n|---|---|---|---|---|---|---|%n", runs));
        for (double r : new double[] {0.01, 0.04}) {
            for (int batch : BATCHES) {
                double eta = r * batch;
                double exact;
                try {
                    exact = Math.sqrt(PROBLEM.stationary(eta, batch).variance());
                } catch (IllegalArgumentException e) {
                    b.append(Format.f("| %.2f | %d | %.2f | no stationary law | | | |%n", r, batch, eta));
                    continue;
                }
                int steps = (int) Math.ceil(10 / (eta * PROBLEM.curvature()));
                double[] x = PROBLEM.run(PROBLEM.minimiser(), eta, batch, steps, runs, 13);
                double[] ms = meanAndSecond(x);
                double sd = Math.sqrt(ms[2] - ms[0] * ms[0]);
                b.append(Format.f("| %.2f | %d | %.2f | %.5f | %.5f ± %.5f | %.5f | %.5f |%n", r, batch, eta, exact, sd,
                        2 * sd / Math.sqrt(2.0 * (runs - 1)), smeSd(eta, batch, 1), smeSd(eta, batch, 2)));
            }
        }
        return b.toString();
    }

    private static double smeSd(double eta, int batch, int order) {
        return Math.sqrt(new ModifiedEquation(PROBLEM, eta, batch, order).stationary().variance());
    }

    /** Log-log plot of the weak errors of both SMEs against η, with slope-1 and slope-2 guides. */
    public static XYChart weakErrorChart(int batch) {
        XYChart chart = Display.xyChart("SGD vs its stochastic modified equation, T = 2, B = " + batch,
                "learning rate η", "|E φ(x_{T/η}) − E φ(X_T)|");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDecimalPattern("0.0E0");
        double[] etas = etas();
        for (int order = 1; order <= 2; order++) {
            double[][] e = weakErrors(batch, order);
            for (int c = 0; c < 2; c++) {
                double[] y = new double[etas.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = e[i][c];
                }
                XYSeries s = chart.addSeries(Format.f("order-%d SME, φ = %s", order, c == 0 ? "x" : "x²"), etas, y);
                s.setMarker(c == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            }
        }
        for (int q = 1; q <= 2; q++) {
            double anchor = q == 1 ? 1e-2 : 1e-4;
            XYSeries guide = chart.addSeries("slope " + q, new double[] {etas[etas.length - 1], etas[0]},
                    new double[] {anchor, anchor * Math.pow(etas[0] / etas[etas.length - 1], q)});
            guide.setMarker(SeriesMarkers.NONE);
            guide.setLineColor(Color.GRAY);
            guide.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /** Exact stationary sd of SGD and of both SMEs against B, one group of curves per noise scale η/B. */
    public static XYChart spreadChart(double[] scales) {
        XYChart chart = Display.xyChart("Stationary spread at fixed η/B", "batch size B (η = B · η/B)",
                "stationary sd of the iterate");
        chart.getStyler().setXAxisLogarithmic(true);
        for (double r : scales) {
            List<Double> bs = new ArrayList<>();
            List<Double> sgd = new ArrayList<>();
            List<Double> one = new ArrayList<>();
            List<Double> two = new ArrayList<>();
            for (int batch : BATCHES) {
                double eta = r * batch;
                try {
                    sgd.add(Math.sqrt(PROBLEM.stationary(eta, batch).variance()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                bs.add((double) batch);
                one.add(smeSd(eta, batch, 1));
                two.add(smeSd(eta, batch, 2));
            }
            chart.addSeries(Format.f("SGD, η/B = %.2f", r), bs, sgd).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries(Format.f("order-1 SME, η/B = %.2f", r), bs, one).setMarker(SeriesMarkers.NONE);
            chart.addSeries(Format.f("order-2 SME, η/B = %.2f", r), bs, two).setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }
}
