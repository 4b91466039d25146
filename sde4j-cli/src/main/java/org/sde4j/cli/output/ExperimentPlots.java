package org.sde4j.cli.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two plots of {@code sde4j experiment} (PNG, drawn headless with XChart, written atomically): test accuracy
 * per epoch (mean over seeds) for each architecture, and the final test accuracy per architecture as
 * mean ± one sample standard deviation over the seeds, mean-field and Monte Carlo inference side by side.
 */
public final class ExperimentPlots {
    private ExperimentPlots() {
    }

    /**
     * Test accuracy after each epoch, averaged over the seeds.
     *
     * @param archs  the architectures' names
     * @param curves per architecture, per seed, the test accuracy after each epoch
     * @param file   the PNG to write
     */
    public static void curves(List<String> archs, List<double[][]> curves, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Fashion-MNIST test accuracy per epoch (mean over seeds)").xAxisTitle("epoch")
                .yAxisTitle("test accuracy").build();
        for (int a = 0; a < archs.size(); a++) {
            double[][] perSeed = curves.get(a);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int e = 0; e < perSeed[0].length; e++) {
                double sum = 0;
                for (double[] c : perSeed) {
                    sum += c[e];
                }
                x.add(e + 1.0);
                y.add(sum / perSeed.length);
            }
            XYSeries s = chart.addSeries(archs.get(a), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        write(chart, file);
    }

    /**
     * Final test accuracy per architecture: the mean over seeds with a bar of ± one sample standard deviation
     * (none for one seed). An architecture measured with Monte Carlo inference has a second point beside it,
     * labelled "(Monte Carlo)".
     *
     * @param archs      the architectures' names
     * @param meanField  per architecture, the mean-field test accuracy of each seed
     * @param monteCarlo per architecture, the Monte Carlo test accuracy of each seed (NaN where not measured)
     * @param file       the PNG to write
     */
    public static void accuracies(List<String> archs, List<double[]> meanField, List<double[]> monteCarlo, Path file)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Final test accuracy (mean ± sd over seeds)").yAxisTitle("test accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(archs.size() > 3 ? 30 : 0);
        List<String> labels = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        for (int a = 0; a < archs.size(); a++) {
            add(archs.get(a), meanField.get(a), labels, mean, sd);
            if (!Double.isNaN(monteCarlo.get(a)[0])) {
                add(archs.get(a) + " (Monte Carlo)", monteCarlo.get(a), labels, mean, sd);
            }
        }
        chart.addSeries("test accuracy", labels, mean, sd).setMarker(SeriesMarkers.CIRCLE);
        write(chart, file);
    }

    private static void add(String label, double[] v, List<String> labels, List<Double> mean, List<Double> sd) {
        double m = Arrays.stream(v).average().orElseThrow();
        double ss = Arrays.stream(v).map(t -> (t - m) * (t - m)).sum();
        labels.add(label);
        mean.add(m);
        sd.add(v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0.0);
    }

    private static void write(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFile.writePng(file, chart);
    }
}
