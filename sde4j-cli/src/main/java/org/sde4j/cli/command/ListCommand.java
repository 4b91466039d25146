package org.sde4j.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.SolversMarkdown;
import org.sde4j.cli.output.Table;
import org.sde4j.models.ModelCatalog;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.random.NoiseModel;
import org.sde4j.random.NoiseModels;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j list}: the problem library and the scheme registry as two aligned tables, with what
 * each problem declares (noise structure, calculus, what is known exactly) and what each scheme
 * declares (calculus, supported noise, strong and weak orders, cost per step).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the problems (--problem NAME), the schemes (--scheme NAME), the Brownian sources and the"
                + " noise models, with what they declare.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Option(names = "--markdown",
            description = "Print the scheme table as Markdown (the content of docs/solvers.md).")
    private boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(SolversMarkdown.render());
            out.flush();
            return 0;
        }
        out.println("Problems (--problem NAME)");
        out.println();
        out.print(problemTable().render());
        out.println();
        out.println("Models (solve --model NAME[:key=value,...]; with --jumps, --barrier; docs/jumps-and-barriers.md)");
        out.println();
        out.print(modelTable().render());
        out.println();
        out.println("Schemes (--scheme NAME)");
        out.println();
        out.print(schemeTable().render());
        out.println();
        out.println("Strong order: E|X_N − X(T)| = O(h^order); \"0.5 (additive: 1.0)\" means 0.5 in general and"
                + " 1.0 on additive noise.");
        out.println("f/step, g/step: drift and diffusion evaluations per step. A Stratonovich scheme solves an Itô"
                + " problem in its converted (Stratonovich) form: the same process.");
        out.println();
        out.println("Brownian sources (org.sde4j.brownian)");
        out.println();
        out.print(brownianTable().render());
        out.println();
        out.println("Noise models (org.sde4j.random.NoiseModels; moments over a step of size h)");
        out.println();
        out.print(noiseTable().render());
        out.flush();
        return 0;
    }

    static Table problemTable() {
        Table t = new Table("name", "noise", "calculus", "exact solution", "exact moments", "description");
        for (TestProblem p : Problems.all()) {
            Sde sde = p.problem().sde();
            double t1 = p.problem().t1();
            boolean mean = p.exactMean(t1).isPresent();
            boolean variance = p.exactVariance(t1).isPresent();
            t.row(p.name(), sde.noise().label(), sde.calculus().displayName(),
                    p.solution().isPresent() ? "yes" : "no (use a reference)",
                    mean && variance ? "mean, variance" : mean ? "mean" : "none",
                    p.description());
        }
        return t;
    }

    /** Every model of {@code solve --model} with its defaults and its reference. */
    static Table modelTable() {
        Table t = new Table("name", ">reference", "source", "description (defaults)");
        for (String name : ModelCatalog.models()) {
            ModelCatalog.ModelCase c = ModelCatalog.of(name);
            t.row(name, Format.g6(c.reference()), c.source(), c.description());
        }
        return t;
    }

    static Table schemeTable() {
        Table t = new Table("name", "calculus", "noise", "strong order", ">weak order", ">f/step", ">g/step",
                "description");
        for (Scheme s : Schemes.all()) {
            t.row(s.name(), s.calculus().displayName(), s.supportedNoiseLabel(), SolversMarkdown.strongOrders(s),
                    SolversMarkdown.weakOrder(s), Integer.toString(s.driftEvaluationsPerStep()),
                    Integer.toString(s.diffusionEvaluationsPerStep()), s.description());
        }
        return t;
    }

    static Table brownianTable() {
        Table t = new Table("name", "queries", "memory", "description");
        t.row("streaming", "consecutive only", "O(1)", "StreamingBrownianIncrements: fresh N(0, h) draws; cannot be"
                + " queried twice or refined");
        t.row("noise-driven", "consecutive only", "O(1)", "NoiseDrivenIncrements: draws of any noise model below;"
                + " cannot be queried twice or refined");
        t.row("grid", "grid points, any order", "O(n m)", "GridBrownianPath: stored grid; coarse increments are sums"
                + " of fine ones");
        t.row("refinable-grid", "any s < t, any order", "O(n m)", "RefinableGridPath: grid + Brownian-bridge"
                + " refinement (exact at dyadic sub-points), space-time Lévy area H");
        t.row("virtual-tree", "any s < t, any order", "O(log(T/tol))", "VirtualBrownianTree: values depend on (seed,"
                + " s, t) only; O(log(T/tol)) per query; optional space-time Lévy area H");
        t.row("correlated", "as its source", "O(m²)", "CorrelatedBrownianMotion: L·B with L Lᵀ = C (EJML Cholesky);"
                + " rejects non-symmetric or non-PSD C");
        t.row("iterated-streaming", "consecutive only", "O(m²)", "StreamingIteratedIntegrals: ΔW and I_jk per step,"
                + " Lévy area by " + LevyAreaMethod.KPW.label() + " or " + LevyAreaMethod.WIKTORSSON.label());
        t.row("iterated-grid", "grid points, any order", "O(n m²)", "GridIteratedIntegrals: fine-grid I_jk, coarse"
                + " steps by Chen's relation (convergence studies)");
        return t;
    }

    static Table noiseTable() {
        Table t = new Table("name", "mean", "variance", "E ξ⁴", "description");
        for (NoiseModel model : NoiseModels.all()) {
            boolean scales = model.scalesWithStep();
            t.row(model.name(), moment(model.mean(1), scales, 1), moment(model.variance(1), scales, 2),
                    moment(model.moment(4, 1), scales, 4), model.description());
        }
        return t;
    }

    private static String moment(double unit, boolean scales, int power) {
        String value = unit == Math.rint(unit) ? Long.toString((long) unit) : Format.f("%.4g", unit);
        if (!scales || unit == 0) {
            return value;
        }
        String h = power == 1 ? "√h" : power == 2 ? "h" : "h²";
        return (unit == 1 ? "" : value + " ") + h;
    }

}
