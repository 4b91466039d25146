package org.sde4j.cli.command;

import java.io.PrintWriter;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.mc.PathAverages;

/**
 * One Monte Carlo estimate of a model case ({@code solve --model}, the models' section of {@code tour}) against its
 * reference: the estimate ± one standard error, the deviation in standard errors, and whether the 99 % interval
 * (± {@value #Z99} standard errors) covers the reference.
 *
 * @param modelCase the case
 * @param result    the job's averages
 */
record ModelRun(ModelCase modelCase, PathAverages result) {
    /** The two-sided 99 % normal quantile. */
    static final double Z99 = 2.576;

    /** Runs the case's job. */
    static ModelRun of(ModelCase c, long paths, long seed, int threads) {
        return new ModelRun(c, c.job().apply(paths).seed(seed).threads(threads).run());
    }

    double estimate() {
        return result.mean(modelCase.valueIndex());
    }

    double standardError() {
        return result.standardError(modelCase.valueIndex());
    }

    /** (estimate − reference)/se; NaN when the standard error is zero. */
    double deviation() {
        double se = standardError();
        return se > 0 ? (estimate() - modelCase.reference()) / se : Double.NaN;
    }

    /** Whether the 99 % interval covers the reference (an exact match when the standard error is zero). */
    boolean covered() {
        double se = standardError();
        return Math.abs(estimate() - modelCase.reference()) <= Z99 * se + Math.max(modelCase.referenceError(), 0);
    }

    /** What is estimated ("call", "E[X_T]"). */
    String quantity() {
        return modelCase.quantity();
    }

    /** "12.3456 ± 0.012". */
    String estimateText() {
        return Format.g6(estimate()) + " ± " + Format.g2(standardError());
    }

    /** The readable summary of {@code solve --model}. */
    void summary(PrintWriter out, String spec, long seed, int threads) {
        ModelCase c = modelCase;
        out.println("model     " + c.name() + ": " + c.description());
        out.println("given     " + spec);
        out.println("paths     " + result.paths() + " (seed " + seed + ", " + threads + " threads)");
        out.println("estimate  " + estimateText() + "   (" + quantity() + ", ± one standard error)");
        out.println("reference " + Format.g6(c.reference()) + "   " + c.source()
                + (c.referenceError() > 0 ? ", quadrature error estimate " + Format.g2(c.referenceError()) : ""));
        double z = deviation();
        out.println("deviation " + Format.signed(z) + " standard errors; the 99 % interval "
                + (covered() ? "covers" : "does NOT cover") + " the reference"
                + (covered() ? "" : " (a discretisation bias at this step, or too few paths)"));
        out.println("time      " + Format.seconds(result.seconds()) + "   ("
                + Format.f("%.0f", result.paths() / Math.max(result.seconds(), 1e-9)) + " paths/s)");
    }

    /** One JSON object: the case, the estimate and the reference; {@code partitions} last when run on Spark. */
    String json(String model, String jumps, String barrier, long seed, int threads, Integer partitions) {
        Json.ObjectBuilder o = Json.object().put("model", modelCase.name()).put("spec", model);
        if (jumps != null) {
            o.put("jumps", jumps);
        }
        if (barrier != null) {
            o.put("barrier", barrier);
        }
        o.put("description", modelCase.description()).put("quantity", quantity()).put("paths", result.paths())
                .put("seed", seed).put("estimate", estimate()).put("stderr", standardError())
                .put("reference", modelCase.reference()).put("referenceError", modelCase.referenceError())
                .put("referenceSource", modelCase.source());
        double z = deviation();
        if (Double.isFinite(z)) {
            o.put("deviation", z);
        }
        o.put("covered99", covered()).put("threads", threads).put("seconds", result.seconds());
        if (partitions != null) {
            o.put("partitions", partitions);
        }
        return o.build();
    }
}
