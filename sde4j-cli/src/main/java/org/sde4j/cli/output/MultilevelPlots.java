package org.sde4j.cli.output;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sde4j.multilevel.LevelEstimate;
import org.sde4j.multilevel.MultilevelResult;

/**
 * Giles' four panels (Giles 2008, <i>Oper. Res.</i> 56(3), figures 1–4) in one PNG: log₂ of the variance of P_ℓ and
 * of Y_ℓ = P_ℓ − P_{ℓ−1} per level; log₂ |mean| of both per level; N_ℓ per level for several tolerances ε; and
 * ε² · cost against ε for each method (flat for a cost of O(ε⁻²)).
 */
public final class MultilevelPlots {
    private static final int W = 600;
    private static final int H = 450;

    private MultilevelPlots() {
    }

    /**
     * Writes the four panels.
     *
     * @param title    the title of the first panel (problem, payoff, scheme)
     * @param finest   the multilevel run whose level variances and means are drawn
     * @param byTol    multilevel runs for several ε (panel 3)
     * @param costs    per method, {ε, cost in steps} pairs (panel 4)
     * @param file     the PNG
     */
    public static void write(String title, MultilevelResult finest, List<MultilevelResult> byTol,
            Map<String, List<double[]>> costs, Path file) throws IOException {
        XYChart variance = chart(title, "level ℓ", "log₂ variance", false);
        XYChart mean = chart("mean per level", "level ℓ", "log₂ |mean|", false);
        List<Double> l = new ArrayList<>();
        List<Double> vp = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        List<Double> mp = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        for (LevelEstimate e : finest.levels()) {
            if (e.varianceP() > 0 && e.meanP() != 0) {
                l.add((double) e.level());
                vp.add(log2(e.varianceP()));
                mp.add(log2(Math.abs(e.meanP())));
            }
            if (e.level() > 0 && e.variance() > 0 && e.mean() != 0) {
                ly.add((double) e.level());
                vy.add(log2(e.variance()));
                my.add(log2(Math.abs(e.mean())));
            }
        }
        series(variance, "P_ℓ", l, vp);
        series(mean, "P_ℓ", l, mp);
        if (!ly.isEmpty()) {
            series(variance, "P_ℓ − P_ℓ₋₁", ly, vy);
            series(mean, "P_ℓ − P_ℓ₋₁", ly, my);
        }
        XYChart samples = chart("samples per level", "level ℓ", "N_ℓ", true);
        for (MultilevelResult r : byTol) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (LevelEstimate e : r.levels()) {
                x.add((double) e.level());
                y.add((double) e.samples());
            }
            series(samples, "ε = " + Format.compact(r.epsilon()), x, y);
        }
        XYChart cost = chart("cost against tolerance", "ε", "ε² · cost (steps)", true);
        cost.getStyler().setXAxisLogarithmic(true);
        cost.getStyler().setDecimalPattern("0.###E0");
        for (Map.Entry<String, List<double[]>> m : costs.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double[] p : m.getValue()) {
                x.add(p[0]);
                y.add(p[0] * p[0] * p[1]);
            }
            series(cost, m.getKey(), x, y);
        }
        BufferedImage all = new BufferedImage(2 * W, 2 * H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        XYChart[] panels = {variance, mean, samples, cost};
        for (int i = 0; i < panels.length; i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels[i]), (i % 2) * W, (i / 2) * H, null);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(all, "png", png);
        AtomicFile.write(file, png.toByteArray());
    }

    private static XYChart chart(String title, String x, String y, boolean logY) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setDecimalPattern(logY ? "0.###E0" : "0.##");
        return c;
    }

    private static void series(XYChart c, String name, List<Double> x, List<Double> y) {
        if (!x.isEmpty()) {
            XYSeries s = c.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
