package org.sde4j.cli.command;

import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.ensemble.StepCounts;
import picocli.CommandLine.Option;

/**
 * The options of adaptive stepping (a picocli mixin): {@code --adaptive} with {@code --atol} and {@code --rtol}, each
 * path stepping on its own error estimate ({@link org.sde4j.ensemble.AdaptiveEnsemble}); and how the step counts are
 * reported, as text and in JSON.
 */
public final class AdaptiveOptions {
    static final double DEFAULT_TOLERANCE = 1e-3;

    @Option(names = "--adaptive", description = "Step each path on its own error estimate, over its own Brownian"
            + " path (rejected steps never redraw noise), instead of uniform steps; reports accepted and rejected"
            + " steps per path and the smallest step.")
    boolean adaptive;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of --adaptive (default: 1e-3).")
    Double atol;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of --adaptive (default: 1e-3).")
    Double rtol;

    @Option(names = "--max-steps", paramLabel = "N", description = "With --adaptive: the most steps (accepted and"
            + " rejected) one path may take; a path that needs more stops the run with its time and the step size"
            + " the tolerances ask for (default: 1000000).")
    Long maxSteps;

    @Option(names = "--drift-control", description = "With --adaptive: choose each step from the drift's error alone,"
            + " before its noise is drawn (Lamba, Mattingly & Stuart 2007); the tolerances then bound the drift's"
            + " error only, and schemes of strong order 1/2 (euler-maruyama, sk-rock) step adaptively on any noise.")
    boolean driftControl;

    /** Whether {@code --drift-control} was given. */
    public boolean driftControl() {
        return driftControl;
    }

    /** Whether {@code --adaptive} was given. */
    public boolean on() {
        return adaptive;
    }

    /**
     * Refuses, naming {@code --scheme}, a scheme whose strong order on this SDE's noise is below 1: steps chosen from
     * the Brownian path make it converge to the wrong solution (the library refuses it too, in API terms).
     *
     * @param offerDriftControl whether the command has {@code --drift-control}, which lifts the refusal
     * @throws IllegalArgumentException naming the option, the scheme, its order and what to choose
     */
    static void requireStrongOrderOne(org.sde4j.solver.Scheme scheme, org.sde4j.sde.Sde sde,
            boolean offerDriftControl) {
        org.sde4j.solver.engine.PathAdaptiveSolver.strongOrderBelowOne(scheme, sde).ifPresent(reason -> {
            throw new IllegalArgumentException("--scheme " + scheme.name() + ": " + reason + "; --adaptive needs strong"
                    + " order 1 or more (steps chosen from the Brownian path make a lower order converge to the wrong"
                    + " solution: Gaines & Lyons 1997): choose --scheme milstein, sriw1, sosri, …"
                    + (offerDriftControl ? ", add --drift-control," : "") + " or drop --adaptive");
        });
    }

    /**
     * Checks the options: tolerances only with {@code --adaptive}, each positive and finite.
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    public void check() {
        if (!adaptive && (atol != null || rtol != null)) {
            throw new IllegalArgumentException((atol != null ? "--atol" : "--rtol") + " needs --adaptive (the"
                    + " tolerance of adaptive steps); add --adaptive, or use --steps or --dt for uniform steps");
        }
        if (!adaptive && driftControl) {
            throw new IllegalArgumentException("--drift-control needs --adaptive (how adaptive steps are chosen); add"
                    + " --adaptive, or leave it out");
        }
        if (!adaptive && maxSteps != null) {
            throw new IllegalArgumentException("--max-steps needs --adaptive (the limit of adaptive steps per path);"
                    + " add --adaptive, or leave it out");
        }
        positive("--atol", atol());
        positive("--rtol", rtol());
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps = " + maxSteps + ": must be at least 1");
        }
    }

    /** {@code --max-steps} or its default. */
    public long maxSteps() {
        return maxSteps != null ? maxSteps : org.sde4j.solver.engine.StepControl.DEFAULT_MAX_STEPS;
    }

    private static void positive(String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            String shown = Double.isFinite(value) ? Format.compact(value) : String.valueOf(value);
            throw new IllegalArgumentException(option + " = " + shown + ": must be a positive finite number (for"
                    + " example 1e-3)");
        }
    }

    /** {@code --atol} or its default. */
    public double atol() {
        return atol != null ? atol : DEFAULT_TOLERANCE;
    }

    /** {@code --rtol} or its default. */
    public double rtol() {
        return rtol != null ? rtol : DEFAULT_TOLERANCE;
    }

    /** The tolerances as one phrase: {@code atol = 0.001, rtol = 0.001}. */
    public String tolerances() {
        return "atol = " + Format.compact(atol()) + ", rtol = " + Format.compact(rtol());
    }

    /** The step counts as one line of text. */
    static String stepsLine(StepCounts steps) {
        return "accepted per path mean " + Format.f("%.1f", steps.meanAccepted()) + ", max " + steps.maxAccepted()
                + "; rejected per path mean " + Format.f("%.2f", steps.meanRejected()) + ", max " + steps.maxRejected()
                + "; smallest step " + Format.g6(steps.smallestStep());
    }

    /** The step counts as a JSON object: {@code {"accepted":{"mean","max"},"rejected":{…},"smallestStep"}}. */
    static Json.ObjectBuilder stepsJson(StepCounts steps) {
        return Json.object()
                .put("accepted", Json.object().put("mean", steps.meanAccepted()).put("max", steps.maxAccepted()))
                .put("rejected", Json.object().put("mean", steps.meanRejected()).put("max", steps.maxRejected()))
                .put("smallestStep", steps.smallestStep());
    }
}
