package org.sde4j.cli.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sde4j.error.ConvergenceResult;

/**
 * Log-log convergence plots (PNG, drawn headless with XChart): the error of each study against Δt, with
 * bars of ± 2 standard errors, and a dashed line of each declared order through half the finest
 * error of the first study with that order; and work–precision diagrams, error against CPU time. Files are written
 * atomically (a temporary file, then a rename).
 */
public final class Plots {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    private Plots() {
    }

    /**
     * Writes one plot of several studies (for example every scheme on one problem).
     *
     * @param title   the chart's title
     * @param labels  one legend label per study
     * @param results the studies
     * @param file    the PNG to write (its directory is created)
     */
    public static void convergence(String title, List<String> labels, List<ConvergenceResult> results, Path file)
            throws IOException {
        XYChart chart = logLog(title, "Δt", results.get(0).kind() + " error",
                org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        for (int i = 0; i < results.size(); i++) {
            ConvergenceResult r = results.get(i);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> bars = new ArrayList<>();
            double[] dts = r.dts();
            double[] errors = r.errors();
            double[] se = r.standardErrors();
            for (int l = 0; l < dts.length; l++) {
                if (errors[l] > 0) {
                    x.add(dts[l]);
                    y.add(errors[l]);
                    // A bar reaching zero cannot be drawn on a log axis: clip it at a tenth of the error.
                    bars.add(Math.min(2 * se[l], 0.9 * errors[l]));
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(labels.get(i) + Format.f(": q = %.2f [%.2f, %.2f]", r.order().order(),
                    r.order().low(), r.order().high()), x, y, bars);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        java.util.Set<Double> drawn = new java.util.HashSet<>();
        for (ConvergenceResult r : results) {
            double q = r.theoreticalOrder();
            double[] dts = r.dts();
            double[] errors = r.errors();
            int last = dts.length - 1;
            if (errors[last] > 0 && Double.isFinite(q) && drawn.add(q)) {
                // Through half the finest error of the first study with this declared order.
                double anchor = errors[last] * 0.5;
                List<Double> x = List.of(dts[0], dts[last]);
                List<Double> y = List.of(anchor * Math.pow(dts[0] / dts[last], q), anchor);
                XYSeries ref = chart.addSeries(Format.f("slope %s (declared)", Format.compact(q)), x, y);
                ref.setMarker(SeriesMarkers.NONE);
                ref.setLineColor(Color.GRAY);
                ref.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        AtomicFile.writePng(file, chart);
    }

    /**
     * Writes a work–precision diagram, log-log: error against CPU time, one line per series (points that cannot be
     * drawn on log axes — zero, negative or not finite — are left out).
     *
     * @param title  the chart's title
     * @param xTitle the CPU-time axis's title
     * @param yTitle the error axis's title
     * @param series per legend label, {CPU seconds, error, …} points in the order to join them
     * @param file   the PNG to write
     */
    public static void workPrecision(String title, String xTitle, String yTitle, Map<String, List<double[]>> series,
            Path file) throws IOException {
        XYChart chart = logLog(title, xTitle, yTitle, org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double[] p : e.getValue()) {
                if (p[0] > 0 && p[1] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    x.add(p[0]);
                    y.add(p[1]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        AtomicFile.writePng(file, chart);
    }

    /** An empty log-log chart of the standard size, white, with the legend where given. */
    private static XYChart logLog(String title, String xTitle, String yTitle,
            org.knowm.xchart.style.Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setDecimalPattern("0.###E0");
        return chart;
    }
}
