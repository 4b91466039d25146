package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.cli.output.Plots;
import org.sde4j.cli.output.Table;
import org.sde4j.error.AdaptiveConvergence;
import org.sde4j.error.OrderEstimate;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sde4j convergence --adaptive}: runs an {@link AdaptiveConvergence} study and reports it, as a table or as
 * one JSON object on one line:
 *
 * <pre>{"problem":…,"scheme":…,"kind":"strong","adaptive":true,"paths":…,"seed":…,"tolerances":[…],"errors":[…],
 * "stderrs":[…],"accepted":[…],"rejected":[…],"meanSteps":[…],"toleranceSlope":…,"toleranceSlopeLow":…,
 * "toleranceSlopeHigh":…,"stepOrder":…,"stepOrderLow":…,"stepOrderHigh":…,"theoreticalOrder":…,"seconds":…}</pre>
 *
 * <p>{@code --plot} draws the error against the tolerance (log-log).
 */
final class AdaptiveConvergenceReport {
    /** What the command line asked for. */
    record Settings(TestProblem problem, Scheme scheme, double[] tolerances, long paths, long seed, int threads,
            boolean json, OutputFile plot) {
    }

    private AdaptiveConvergenceReport() {
    }

    static int run(Supplier<Settings> settingsFromOptions, CommandSpec spec) {
        Settings s = settingsFromOptions.get();
        AdaptiveConvergence.Result r = AdaptiveConvergence.run(s.problem(), s.scheme(), s.tolerances(), s.paths(),
                s.seed(), s.threads());
        double theoretical = s.scheme().strongOrder(s.problem().problem().sde().noise());
        PrintWriter out = spec.commandLine().getOut();
        if (s.json()) {
            out.println(Json.object().put("problem", s.problem().name()).put("scheme", s.scheme().name())
                    .put("kind", "strong").put("adaptive", true).put("paths", r.paths()).put("seed", s.seed())
                    .put("tolerances", r.tolerances()).put("errors", r.errors()).put("stderrs", r.standardErrors())
                    .put("accepted", r.meanAccepted()).put("rejected", r.meanRejected()).put("meanSteps", r.meanStep())
                    .put("toleranceSlope", r.toleranceSlope().order())
                    .put("toleranceSlopeLow", r.toleranceSlope().low())
                    .put("toleranceSlopeHigh", r.toleranceSlope().high())
                    .put("stepOrder", r.stepOrder().order()).put("stepOrderLow", r.stepOrder().low())
                    .put("stepOrderHigh", r.stepOrder().high()).put("theoreticalOrder", theoretical)
                    .put("seconds", r.seconds()).build());
        } else {
            out.println("problem   " + s.problem().name() + ": " + s.problem().description());
            out.println("adaptive  " + s.scheme().name() + ", atol = rtol = τ, " + r.paths() + " paths, seed "
                    + s.seed() + "; strong error E|X_T − X(T)| against the exact solution on each path's own"
                    + " Brownian path");
            Table table = new Table("τ", "error", "± SE", "accepted/path", "rejected/path", "mean step");
            for (int l = 0; l < r.tolerances().length; l++) {
                table.row(Format.g6(r.tolerances()[l]), Format.g6(r.errors()[l]), Format.g2(r.standardErrors()[l]),
                        Format.f("%.1f", r.meanAccepted()[l]), Format.f("%.2f", r.meanRejected()[l]),
                        Format.g6(r.meanStep()[l]));
            }
            out.print(table.render());
            out.println("slope of the error against τ: " + fit(r.toleranceSlope()) + " (1: the error follows the"
                    + " tolerance)");
            out.println("order against the mean step: " + fit(r.stepOrder()) + " (" + s.scheme().name()
                    + "'s strong order " + Format.compact(theoretical) + ")");
            out.println(Format.f("%.2f s on %d threads", r.seconds(), s.threads())
                    + (s.plot() != null ? "; plot to " + s.plot() : ""));
        }
        out.flush();
        if (s.plot() != null) {
            List<double[]> points = new ArrayList<>();
            for (int l = 0; l < r.tolerances().length; l++) {
                points.add(new double[] {r.tolerances()[l], r.errors()[l]});
            }
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put(s.scheme().name() + ", adaptive", points);
            try {
                Plots.workPrecision("adaptive " + s.scheme().name() + " on " + s.problem().name()
                        + ": strong error against tolerance", "tolerance τ", "strong error", series, s.plot().target());
            } catch (IOException e) {
                throw new OutputFailure(s.plot(), e);
            }
        }
        return 0;
    }

    /** {@code 1.12 [95 % 1.07, 1.18]}, or the slope alone when the interval could not be formed. */
    private static String fit(OrderEstimate e) {
        if (!Double.isFinite(e.order())) {
            return "n/a (fewer than two tolerances with a positive error)";
        }
        String slope = Format.f("%.3f", e.order());
        return Double.isFinite(e.low()) ? slope + " [95 % " + Format.f("%.3f", e.low()) + ", "
                + Format.f("%.3f", e.high()) + "]" : slope + " (no interval)";
    }
}
