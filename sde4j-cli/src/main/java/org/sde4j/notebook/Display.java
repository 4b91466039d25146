package org.sde4j.notebook;

import java.awt.Color;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Pictures from notebook cells. Text is printed as usual ({@code System.out}); a chart or image passed to
 * {@link #chart} or {@link #image} becomes a PNG output of the cell.
 *
 * <p>Where the PNG goes: under {@code sde4j notebooks --execute} (and the test that runs every notebook)
 * it is recorded as the cell's {@code image/png} {@code display_data} output, in order with the cell's
 * text. Under the IJava or JJava Jupyter kernels it is handed to the kernel's {@code display} function. Anywhere
 * else (JShell, a plain program) it is written to a temporary file whose path is printed.
 *
 * <pre>{@code
 * XYChart c = Display.xyChart("Brownian path", "t", "W(t)");
 * c.addSeries("W", times, values);
 * Display.chart(c);
 * }</pre>
 */
public final class Display {
    /** Width of the charts made by {@link #xyChart}, in pixels. */
    public static final int WIDTH = 640;
    /** Height of the charts made by {@link #xyChart}, in pixels. */
    public static final int HEIGHT = 400;

    /** Where PNGs go while a notebook runner is active; null otherwise. */
    private static volatile Consumer<byte[]> sink;

    private Display() {
    }

    /** An empty line chart of {@link #WIDTH} × {@link #HEIGHT} pixels on a white background. */
    public static XYChart xyChart(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    /** Renders {@code chart} to PNG and displays it. */
    public static void chart(Chart<?, ?> chart) {
        System.setProperty("java.awt.headless", "true");
        try {
            png(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("rendering chart '" + chart.getTitle() + "'", e);
        }
    }

    /** Encodes {@code image} as PNG and displays it. */
    public static void image(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding image as PNG", e);
        }
        png(bytes.toByteArray());
    }

    /** Displays PNG bytes (see the class comment for where they go). */
    public static void png(byte[] png) {
        Consumer<byte[]> s = sink;
        if (s != null) {
            s.accept(png.clone());
            return;
        }
        if (kernelDisplay(png)) {
            return;
        }
        try {
            Path file = Files.createTempFile("sde4j-", ".png");
            Files.write(file, png);
            System.out.println("[image: " + file + "]");
        } catch (IOException e) {
            throw new UncheckedIOException("writing image", e);
        }
    }

    /** Installs (or, with null, removes) the receiver of PNGs; for the notebook runner. */
    static void sink(Consumer<byte[]> receiver) {
        sink = receiver;
    }

    /** Hands the image to a running IJava/JJava kernel's {@code display(Object)}, if there is one. */
    private static boolean kernelDisplay(byte[] png) {
        for (String kernel : new String[] {"org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.JJava",
                "io.github.spencerpark.ijava.runtime.Display"}) {
            try {
                Class<?> c = Class.forName(kernel);
                Method display = c.getMethod("display", Object.class);
                display.invoke(null, ImageIO.read(new java.io.ByteArrayInputStream(png)));
                return true;
            } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
                // not this kernel
            }
        }
        return false;
    }
}
