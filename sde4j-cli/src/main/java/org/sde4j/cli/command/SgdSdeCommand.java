package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sde4j.cli.experiment.SgdSdeStudy;
import org.sde4j.cli.output.DocumentFile;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.OutputFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j sgd-sde}: the study of {@link SgdSdeStudy} — SGD against its stochastic modified equations —
 * printed, and written as the marked section {@code sgd-sde} of a Markdown file with two PNG plots.
 */
@Command(name = "sgd-sde", mixinStandardHelpOptions = true,
        description = "SGD as an SDE: weak error of the stochastic modified equation against η, and η/B.")
public final class SgdSdeCommand implements Callable<Integer> {
    /** The fewest paths: the spread study runs paths/100 SGD runs and needs 2 for a standard deviation. */
    static final int MIN_PATHS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "1000000",
            description = "Monte Carlo paths per estimate, at least " + MIN_PATHS + " (default: ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "docs/experiments.md",
            converter = DocumentFile.Converter.class,
            description = "Markdown file whose section sgd-sde is (re)written; plots go to img/ beside it (default:"
                    + " ${DEFAULT-VALUE}).")
    DocumentFile output;

    @Override
    public Integer call() throws IOException {
        if (paths < MIN_PATHS) {
            throw new IllegalArgumentException("--paths = " + paths + ": must be at least " + MIN_PATHS + " (the spread"
                    + " study runs paths/100 SGD runs, and a standard deviation needs 2)");
        }
        // The ensembles keep their final states, and SGD's runs theirs: two arrays of doubles per path.
        Memory.require("--paths = " + paths, 2L * 8 * paths, "fewer --paths");
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        StringBuilder b = new StringBuilder();
        b.append(Format.f("Problem: f(x) = (1/2n) Σ (a_i x − b_i)², n = 100, a = 1 + 0.5z, b = 2a + z' (seed 1): "
                + "h̄ = %.4f, x* = %.4f; SGD from x0 = 0 with batch B drawn with replacement; laws compared at "
                + "T = kη = %.0f.%n%n", SgdSdeStudy.PROBLEM.curvature(), SgdSdeStudy.PROBLEM.minimiser(),
                SgdSdeStudy.HORIZON));
        b.append(SgdSdeStudy.weakErrorTable(1));
        b.append(SgdSdeStudy.solvedTable(1, paths));
        b.append(SgdSdeStudy.spreadTable(paths / 100));
        b.append("\n![weak error against η](img/sgd-sde-weak-error.png)\n");
        b.append("![stationary spread at fixed η/B](img/sgd-sde-spread.png)\n");
        b.append(Format.f("%nCommand: `bin/sde4j sgd-sde --paths %d` (%.1f s).%n", paths,
                (System.nanoTime() - start) * 1e-9));
        out.print(b);
        out.flush();
        Path img = output.images();
        try {
            output.writePng("sgd-sde-weak-error.png", SgdSdeStudy.weakErrorChart(1));
            output.writePng("sgd-sde-spread.png", SgdSdeStudy.spreadChart(new double[] {0.01, 0.04}));
            output.writeSection("sgd-sde", b.toString(), Documents.EXPERIMENTS_TITLE);
        } catch (IOException e) {
            throw new OutputFailure(output + " and " + img, e);
        }
        out.println(Format.f("wrote %s (section sgd-sde) and %s", output, img));
        out.flush();
        return 0;
    }
}
