package org.sde4j.cli.command;

import java.io.PrintWriter;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.models.ModelCatalog;
import org.sde4j.models.ModelCatalog.ModelCase;

/**
 * The models' section of {@code tour}: each catalogued model case ({@link ModelCatalog#cases()}: jump diffusions,
 * CIR, Heston, Bates, Lévy models, barriers) estimated by Monte Carlo against its closed-form, series or Fourier
 * reference, one row each.
 */
final class TourModels {
    /** The most paths per model case: 10^4 keeps the section to seconds. */
    static final long MAX_PATHS = 10_000;

    private TourModels() {
    }

    /** Prints the section: one row per case, then the legend. */
    static void print(PrintWriter out, long paths, long seed, int threads) {
        Table t = new Table("model", "quantity", ">MC ± se", ">reference", "source", ">dev/se", "covered", ">seconds");
        for (ModelCase c : ModelCatalog.cases()) {
            ModelRun r = ModelRun.of(c, paths, seed, threads);
            t.row(c.name(), r.quantity(), r.estimateText(), Format.g6(c.reference()), c.source(),
                    Format.signed(r.deviation()), r.covered() ? "yes" : "NO", Format.f("%.2f", r.result().seconds()));
        }
        out.println("Models: jumps, stochastic volatility, Lévy drivers and barriers against closed forms ("
                + paths + " paths each)");
        out.println();
        out.print(t.render());
        out.println();
        out.println("covered: the 99 % interval (± " + ModelRun.Z99 + " se) contains the reference. Each case, its"
                + " parameters and its scheme: bin/sde4j solve --model NAME (names above; keys in"
                + " docs/jumps-and-barriers.md).");
        out.flush();
    }
}
