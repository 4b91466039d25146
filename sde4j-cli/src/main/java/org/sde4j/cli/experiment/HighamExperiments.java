package org.sde4j.cli.experiment;

import java.util.List;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;

/**
 * The convergence experiments of Higham (2001, "An algorithmic introduction to numerical simulation of
 * stochastic differential equations", SIAM Review 43(3)), set up as in the paper:
 *
 * <ul>
 * <li>{@code emstrong}: dX = λX dt + μX dW, λ = 2, μ = 1, X0 = 1, T = 1; Brownian grid 2^9 steps;
 *     Euler–Maruyama at Δt = R·2^-9, R = 1, 2, 4, 8, 16; E|X_L − X(T)| against the exact solution on the
 *     same path; 1000 paths. Higham: strong order ½.</li>
 * <li>{@code emweak}: the same SDE with μ = 0.1; Δt = 2^(p−10), p = 1 … 5; |E X_L − e^λ| over 50 000
 *     paths. Higham: weak order 1. {@code emweak-two-point}: the same with ±√Δt increments.</li>
 * <li>{@code milstrong}: logistic dX = rX(K − X) dt + βX dW, r = 2, K = 1, β = 0.25, X0 = 0.5, T = 1;
 *     Milstein at Δt = R·2^-11, R = 16, 32, 64, 128, against Milstein on the 2^11-step grid of the same
 *     path; 500 paths. Higham: strong order 1.</li>
 * </ul>
 *
 * <p>One difference: Higham's emweak draws independent paths for each Δt; here the levels share their
 * paths (common random numbers), which gives the same expectations with correlated, smaller noise
 * in the slope.
 *
 * @param name         the experiment's name in the paper
 * @param problem      the SDE
 * @param scheme       the scheme's registry name
 * @param kind         "strong" or "weak"
 * @param steps        the step counts per level, increasing
 * @param paths        Higham's number of paths
 * @param reference    the reference scheme (strong error without exact solution), or null
 * @param refinement   reference steps per finest step
 * @param twoPoint     whether the increments are ±√Δt
 * @param higham       the behaviour Higham reports, in words
 * @param theory       the order theory predicts
 */
public record HighamExperiments(String name, TestProblem problem, String scheme, String kind, int[] steps, long paths,
        String reference, int refinement, boolean twoPoint, String higham, double theory) {

    /** The four experiments, in the paper's order. */
    public static List<HighamExperiments> all() {
        int[] em = {32, 64, 128, 256, 512};
        return List.of(
                new HighamExperiments("emstrong", Problems.gbm(2, 1, 1, 1), "euler-maruyama", "strong", em, 1000, null, 1,
                        false, "slope ≈ ½ (re-implementations over 20 seeds: 0.52 ± 0.02)", 0.5),
                new HighamExperiments("emweak", Problems.gbm(2, 0.1, 1, 1), "euler-maruyama", "weak", em, 50_000, null, 1,
                        false, "slope ≈ 1 (re-implementations over 20 seeds: 0.98 ± 0.04)", 1.0),
                new HighamExperiments("emweak-two-point", Problems.gbm(2, 0.1, 1, 1), "euler-maruyama", "weak", em, 50_000,
                        null, 1, true, "slope ≈ 1 with ±√Δt increments, as with Gaussian ones", 1.0),
                new HighamExperiments("milstrong", Problems.logistic(), "milstein", "strong", new int[] {16, 32, 64, 128},
                        500, "milstein", 16, false, "slope ≈ 1 (re-implementations over 20 seeds: 1.04 ± 0.02)", 1.0));
    }

    /** The experiment called {@code name}. */
    public static HighamExperiments byName(String name) {
        for (HighamExperiments e : all()) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("--experiment = " + name + ": unknown; valid names are "
                + String.join(", ", all().stream().map(HighamExperiments::name).toList()));
    }
}
