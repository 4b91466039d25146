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
 * else (JShell, a plain program) — the default — it is written to a temporary file whose path is printed on
 * {@code System.out}.
 *
 * <p>No global state: the notebook runner's receiver belongs to one execution. It is installed for the runner's
 * thread and the threads started while it runs (JShell runs each snippet in a thread of its own), and is
 * switched off when the execution ends, so a thread left over from one run, or a program running beside it,
 * never writes into that run's outputs.
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

    /** The receiver of the execution the current thread belongs to, if any (inherited by threads it starts). */
    private static final InheritableThreadLocal<Sink> SINK = new InheritableThreadLocal<>();

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
        Sink s = SINK.get();
        if (s != null && s.accept(png)) {
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

    /**
     * Runs {@code execution} with {@code receiver} taking the PNGs displayed by the calling thread and by the
     * threads started meanwhile; afterwards the receiver takes nothing more, and the calling thread's previous one
     * is back. For the notebook runner.
     */
    static <T> T withSink(Consumer<byte[]> receiver, java.util.function.Supplier<T> execution) {
        Sink previous = SINK.get();
        Sink mine = new Sink(receiver);
        SINK.set(mine);
        try {
            return execution.get();
        } finally {
            mine.close();
            if (previous == null) {
                SINK.remove();
            } else {
                SINK.set(previous);
            }
        }
    }

    /** One execution's receiver; closed when the execution ends. */
    private static final class Sink {
        private final Consumer<byte[]> receiver;
        private boolean open = true;

        Sink(Consumer<byte[]> receiver) {
            this.receiver = receiver;
        }

        /** Hands a copy of {@code png} to the receiver, unless the execution has ended. */
        synchronized boolean accept(byte[] png) {
            if (open) {
                receiver.accept(png.clone());
            }
            return open;
        }

        synchronized void close() {
            open = false;
        }
    }

    /**
     * Hands the image to a running IJava/JJava kernel's {@code display(Object)}, if there is one. Only the
     * absence of a kernel class or method means "not this kernel"; an error inside the kernel's display, or an
     * unreadable PNG, is thrown to the cell, never swallowed.
     *
     * @throws IllegalStateException when a kernel's display fails (the kernel's exception as cause)
     */
    private static boolean kernelDisplay(byte[] png) {
        for (String kernel : new String[] {"org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.JJava",
                "io.github.spencerpark.ijava.runtime.Display"}) {
            Method display;
            try {
                display = Class.forName(kernel).getMethod("display", Object.class);
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                continue; // not this kernel
            }
            try {
                display.invoke(null, ImageIO.read(new java.io.ByteArrayInputStream(png)));
                return true;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalStateException(kernel + ".display failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(kernel + ".display is not accessible", e);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the PNG back for " + kernel + ".display", e);
            }
        }
        return false;
    }
}
