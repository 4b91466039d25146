package org.sde4j.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sde4j.sde.Require;
import org.sde4j.solver.Scheme;

/**
 * Work–precision data: for each scheme, the error at each step size against the work it cost —
 * function evaluations per path (steps × the drift and diffusion evaluations the scheme declares per
 * step) and CPU seconds. The cheaper scheme at a given error is the better one (Hairer, Nørsett &amp;
 * Wanner 1993, §II.10; DiffEqDevTools' {@code WorkPrecisionSet}).
 *
 * <pre>{@code
 * WorkPrecision wp = WorkPrecision.compare(List.of(em, milstein),
 *         s -> StrongError.of(problem, s).exact(solution).halvings(16, 5).paths(1000).seed(1));
 * System.out.println(wp.table());
 * }</pre>
 *
 * <p>Errors and evaluation counts are reproducible by seed; CPU times are measurements. Immutable.
 */
public final class WorkPrecision {
    /** One level of one scheme. */
    public record Point(String scheme, int steps, double dt, double error, double standardError, long evaluations,
            double cpuSeconds) {
    }

    private final List<ConvergenceResult> results;

    private WorkPrecision(List<ConvergenceResult> results) {
        this.results = List.copyOf(results);
    }

    /**
     * Runs one study per scheme.
     *
     * @param schemes the schemes to compare
     * @param study   builds the (configured, not yet run) study of a scheme
     */
    public static WorkPrecision compare(List<Scheme> schemes, Function<Scheme, ? extends ConvergenceStudy<?>> study) {
        Require.nonNull("schemes", schemes);
        Require.nonNull("study", study);
        List<ConvergenceResult> results = new ArrayList<>();
        for (Scheme s : schemes) {
            results.add(study.apply(s).run());
        }
        return new WorkPrecision(results);
    }

    /** Work–precision data of results already computed. */
    public static WorkPrecision of(List<ConvergenceResult> results) {
        return new WorkPrecision(Require.nonNull("results", results));
    }

    /** The studies, one per scheme, in order. */
    public List<ConvergenceResult> results() {
        return results;
    }

    /** Every level of every scheme. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>();
        for (ConvergenceResult r : results) {
            int[] steps = r.steps();
            double[] dts = r.dts();
            double[] errors = r.errors();
            double[] stderrs = r.standardErrors();
            long[] evaluations = r.evaluations();
            double[] cpu = r.cpuSeconds();
            for (int l = 0; l < dts.length; l++) {
                points.add(new Point(r.scheme(), steps[l], dts[l], errors[l], stderrs[l], evaluations[l], cpu[l]));
            }
        }
        return points;
    }

    /** A table of scheme, Δt, error, evaluations per path and CPU milliseconds per 1000 paths. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %10s %12s %10s %12s %16s%n", "scheme",
                "dt", "error", "stderr", "evals/path", "cpu ms/1000 paths"));
        for (ConvergenceResult r : results) {
            double perThousand = 1000.0 / r.paths();
            int[] steps = r.steps();
            for (Point p : points()) {
                if (p.scheme().equals(r.scheme()) && contains(steps, p.steps())) {
                    sb.append(String.format(Locale.ROOT, "%-20s %10.4g %12.4g %10.2g %12d %16.3f%n", p.scheme(),
                            p.dt(), p.error(), p.standardError(), p.evaluations(), 1e3 * p.cpuSeconds() * perThousand));
                }
            }
        }
        return sb.toString();
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
