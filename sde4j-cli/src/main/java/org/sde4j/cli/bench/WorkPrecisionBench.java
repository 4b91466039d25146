package org.sde4j.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.OutputDirectory;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.Plots;
import org.sde4j.cli.output.Table;

/**
 * {@code sde4j bench --work-precision}: two work–precision studies, error against CPU time, printed as tables and,
 * with {@code --plot DIR}, drawn as {@value #TRANSIENT_PNG} (fixed against adaptive steps on the sharp transient,
 * {@link TransientWork}) and {@value #HEAT_PNG} (explicit against stabilised against drift-implicit on the stochastic
 * heat equation, {@link HeatWork}). CPU times are thread CPU times on one thread; on a shared machine they are noisy.
 */
final class WorkPrecisionBench {
    static final String TRANSIENT_PNG = "work-precision-transient.png";
    static final String HEAT_PNG = "work-precision-heat.png";

    private final int paths;
    private final long seed;
    private final int dimension;
    private final int maxLevel;
    private final int maxSteps;

    WorkPrecisionBench(int paths, long seed, int dimension, int maxLevel, int maxSteps) {
        this.paths = paths;
        this.seed = seed;
        this.dimension = dimension;
        this.maxLevel = maxLevel;
        this.maxSteps = maxSteps;
    }

    /** Runs both studies, prints them, and writes the PNGs into {@code plots} (already prepared) when given. */
    void run(PrintWriter out, OutputDirectory plots, boolean markdown) {
        Map<String, List<double[]>> transientSeries = TransientWork.study(paths, seed, maxLevel);
        Table t = new Table("series", ">steps/path", ">tol", ">CPU µs/path", ">mean |X_T − exact|");
        for (Map.Entry<String, List<double[]>> e : transientSeries.entrySet()) {
            for (double[] p : e.getValue()) {
                t.row(e.getKey(), Format.f("%.1f", p[2]), p.length > 3 ? Format.f("%.0e", p[3]) : "",
                        Format.f("%.2f", p[0] * 1e6), Format.f("%.3e", p[1]));
            }
        }
        print(out, Format.f("Sharp transient (dX = 200 sech²(200(t − ½)) X dt + 0.5 X dW, T = 1): strong error against"
                + " CPU time per path, %d paths, one thread, best of 3; adaptive dtMax = 1/64", paths), t, markdown);
        Map<String, List<double[]>> heatSeries = HeatWork.study(dimension, maxSteps);
        Table h = new Table("series", ">N", ">CPU ms/path", ">|Var M(1) / exact − 1|");
        for (Map.Entry<String, List<double[]>> e : heatSeries.entrySet()) {
            for (double[] p : e.getValue()) {
                h.row(e.getKey(), Format.f("%.0f", p[2]), Format.f("%.3f", p[0] * 1e3), Format.f("%.3e", p[1]));
            }
        }
        print(out, Format.f("Stochastic heat equation (d = %d, ν = σ = 1, T = 1): relative error of the variance of the"
                + " spatial mean (exact, by analysis of each scheme's linear map) against CPU time of one path, best of 2",
                dimension), h, markdown);
        if (plots != null) {
            try {
                Plots.workPrecision("Sharp transient: fixed against adaptive steps", "CPU seconds per path",
                        "strong error mean |X_T − exact|", transientSeries, plots.resolve(TRANSIENT_PNG));
                Plots.workPrecision(Format.f("Stochastic heat equation, d = %d: explicit, stabilised, implicit",
                        dimension), "CPU seconds per path", "relative error of Var M(1)", heatSeries,
                        plots.resolve(HEAT_PNG));
            } catch (IOException e) {
                throw new OutputFailure(plots, e);
            }
            out.println("wrote " + plots.resolve(TRANSIENT_PNG) + " and " + plots.resolve(HEAT_PNG));
        }
        out.flush();
    }

    private static void print(PrintWriter out, String header, Table t, boolean markdown) {
        BenchCommand.printTable(out, header, t, markdown);
        out.println();
    }
}
