package org.sde4j.multilevel;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * {@code E P} to a tolerance by one of three methods, behind one call: the entry point of a command such as
 * {@code sde4j estimate --problem gbm --functional european-call:strike=1 --tol 1e-4 --method mc|mlmc|qmc}.
 *
 * <ul>
 *   <li>{@link Method#MLMC} — {@link Multilevel#estimate}.</li>
 *   <li>{@link Method#MC} — plain Monte Carlo: the step from a pilot ({@link #chooseLevel}), then
 *       {@code N = ⌈2 Var(P)/ε²⌉} paths at that step.</li>
 *   <li>{@link Method#QMC} — randomised QMC at the pilot's step, N doubled until the standard error is ε/√2
 *       ({@link RandomisedQmc#toStandardError}).</li>
 *   <li>{@link Method#MLQMC} — {@link MultilevelQmc#estimate}.</li>
 * </ul>
 *
 * <p>All three split the mean square error ε² in halves, bias² ≤ ε²/2 and variance ≤ ε²/2, and report a 95 %
 * interval for the mean at their finest step (normal for MC and MLMC, Student t over the randomisations for QMC).
 */
public final class Estimates {
    private Estimates() {
    }

    /** The estimation methods. */
    public enum Method {
        /** Plain Monte Carlo. */
        MC,
        /** Multilevel Monte Carlo. */
        MLMC,
        /** Randomised quasi-Monte Carlo. */
        QMC,
        /** Multilevel randomised quasi-Monte Carlo. */
        MLQMC;

        /**
         * The method named {@code name} (mc, mlmc, qmc, mlqmc).
         *
         * @throws IllegalArgumentException for another name
         */
        public static Method byName(String name) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(String.valueOf(name))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("method = " + name + ": must be one of mc, mlmc, qmc, mlqmc");
        }
    }

    /**
     * What every method reports.
     *
     * @param method        the method
     * @param estimate      P̂
     * @param standardError its standard error
     * @param lower         the lower end of the 95 % interval
     * @param upper         the upper end
     * @param steps         the finest number of steps
     * @param paths         the paths (all levels, or all randomisations and points; pilots excluded)
     * @param cost          the steps taken, pilots included (a multilevel sample of level ℓ counts n_ℓ(1 + 1/M))
     * @param seconds       wall time, pilots included
     * @param converged     whether the tolerance was met
     * @param message       "converged" or why not
     * @param detail        the method's own result ({@link MultilevelResult}, {@link RandomisedQmc.Result} or
     *                      {@link LevelSums})
     */
    public record Estimate(Method method, double estimate, double standardError, double lower, double upper,
            int steps, long paths, double cost, double seconds, boolean converged, String message, Object detail) {
        /** One line for people. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %.8g, 95 %% interval [%.8g, %.8g], %d steps, %d paths, cost %.4g steps,"
                    + " %.3f s, %s", method.name().toLowerCase(Locale.ROOT), estimate, lower, upper, steps, paths, cost,
                    seconds, message);
        }
    }

    /**
     * A payoff from a specification {@code name[:key=value,…]}: {@code mean}, {@code european-call:strike=K},
     * {@code asian-call:strike=K[,geometric=true]}, {@code lookback-call}, {@code digital-call:strike=K}; the factor
     * (discount) is {@code discount=D}, default 1.
     *
     * @throws IllegalArgumentException for an unknown name or key, or a value that is not a number
     */
    public static Payoff payoff(String spec) {
        Require.nonNull("functional", spec);
        String[] parts = spec.split(":", 2);
        Map<String, String> options = new TreeMap<>();
        if (parts.length == 2 && !parts[1].isBlank()) {
            for (String kv : parts[1].split(",")) {
                String[] pair = kv.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("functional = " + spec + ": option '" + kv + "' is not key=value");
                }
                options.put(pair[0].trim(), pair[1].trim());
            }
        }
        String name = parts[0].trim();
        double strike = number(spec, options, "strike", 1);
        double discount = number(spec, options, "discount", 1);
        boolean geometric = Boolean.parseBoolean(options.getOrDefault("geometric", "false"));
        options.keySet().removeAll(java.util.List.of("strike", "discount", "geometric"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("functional = " + spec + ": unknown options " + options.keySet()
                    + " (strike, discount, geometric)");
        }
        return switch (name) {
            case "mean" -> Payoff.mean();
            case "european-call" -> Payoff.europeanCall(strike, discount);
            case "asian-call" -> Payoff.asianCall(strike, discount, geometric);
            case "lookback-call" -> Payoff.lookbackCall(discount);
            case "digital-call" -> Payoff.digitalCall(strike, discount);
            default -> throw new IllegalArgumentException("functional = " + spec + ": unknown; valid names are mean,"
                    + " european-call, asian-call, lookback-call, digital-call");
        };
    }

    private static double number(String spec, Map<String, String> options, String key, double fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("functional = " + spec + ": " + key + " = " + v + " is not a number");
        }
    }

    /**
     * Estimates {@code E payoff} for {@code problem} to root-mean-square error ε.
     *
     * @param method     the method
     * @param problem    the problem
     * @param scheme     the scheme (and coupling)
     * @param payoff     the functional
     * @param epsilon    ε &gt; 0
     * @param seed       the root seed
     * @param threads    threads (never change the result)
     * @param maxLevel   the finest level allowed (steps 2^maxLevel)
     * @param maxSeconds the time budget of the multilevel estimator (others: not checked)
     * @return the estimate
     */
    public static Estimate estimate(Method method, SdeProblem problem, Coupling scheme, Payoff payoff, double epsilon,
            long seed, int threads, int maxLevel, double maxSeconds) {
        Require.nonNull("method", method);
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": the tolerance must be positive and finite");
        }
        Multilevel mlmc = Multilevel.of(problem, scheme, payoff).seed(seed).threads(threads)
                .levelRange(2, Math.max(2, maxLevel)).maxSeconds(maxSeconds);
        if (method == Method.MLMC) {
            MultilevelResult r = mlmc.estimate(epsilon);
            long paths = r.levels().stream().mapToLong(LevelEstimate::samples).sum();
            return new Estimate(method, r.estimate(), r.standardError(), r.lower(), r.upper(),
                    r.levels().get(r.finestLevel()).steps(), paths, r.cost(), r.seconds(), r.converged(), r.message(), r);
        }
        if (method == Method.MLQMC) {
            MultilevelQmc.Result r = MultilevelQmc.of(problem, scheme, payoff).seed(seed).threads(threads)
                    .maxLevel(Math.max(2, Math.min(24, maxLevel))).estimate(epsilon);
            long paths = 0;
            for (long p : r.points()) {
                paths += p * 16;
            }
            return new Estimate(method, r.estimate(), r.standardError(), r.lower(), r.upper(),
                    1 << (r.points().length - 1), paths, r.cost(), r.seconds(), r.converged(),
                    r.converged() ? "converged" : "the bias test failed at the maximum level " + maxLevel, r);
        }
        long start = System.nanoTime();
        Pilot pilot = chooseLevel(mlmc, epsilon, maxLevel);
        int steps = Levels.DEFAULT.steps(pilot.level());
        if (method == Method.MC) {
            long paths = (long) Math.ceil(2 * pilot.varianceP() / (epsilon * epsilon));
            LevelSums s = mlmc.plainMonteCarlo(pilot.level(), paths);
            double se = Math.sqrt(s.varianceY() / s.count());
            double z = MultilevelResult.Z95;
            return new Estimate(method, s.meanY(), se, s.meanY() - z * se, s.meanY() + z * se, steps, s.count(),
                    pilot.cost() + (double) s.count() * steps, (System.nanoTime() - start) * 1e-9, pilot.converged(),
                    pilot.message(), s);
        }
        RandomisedQmc.Result r = RandomisedQmc.of(problem, scheme, payoff).steps(steps).seed(seed).threads(threads)
                .toStandardError(epsilon / Math.sqrt(2), 256, 1L << 24);
        boolean met = r.standardError() <= epsilon / Math.sqrt(2);
        long paths = r.points() * r.means().length;
        return new Estimate(method, r.estimate(), r.standardError(), r.lower(), r.upper(), steps, paths,
                pilot.cost() + (double) paths * steps,
                (System.nanoTime() - start) * 1e-9, pilot.converged() && met,
                met ? pilot.message() : "the standard error stayed above ε/√2 at 2^24 points", r);
    }

    /**
     * The pilot's choice of step for a single-level method: the first level ℓ ≥ 2 whose coupled correction, from
     * 4096 samples (more when the correction's variance asks for it), satisfies {@code |Ȳ_ℓ| + 2 s_ℓ ≤ ε/√2}
     * (weak order 1 with M = 2: the remaining bias of level ℓ is about |E Y_ℓ|); and Var(P_ℓ) from the same samples.
     */
    static Pilot chooseLevel(Multilevel mlmc, double epsilon, int maxLevel) {
        double cost = 0;
        for (int l = 2; ; l++) {
            LevelSums s = mlmc.levelJob(l, 0, 16).run();
            cost += s.count() * Levels.DEFAULT.cost(l);
            double need = 16 * s.varianceY() / Math.pow(epsilon / Math.sqrt(2), 2);
            if (need > s.count()) {
                long chunks = (long) Math.ceil(Math.min(need, 1e8) / LevelJob.CHUNK);
                LevelSums more = mlmc.levelJob(l, 16, Math.max(1, chunks - 16)).run();
                cost += more.count() * Levels.DEFAULT.cost(l);
                s = s.plus(more);
            }
            double se = Math.sqrt(s.varianceY() / s.count());
            if (Math.abs(s.meanY()) + 2 * se <= epsilon / Math.sqrt(2)) {
                return new Pilot(l, s.varianceP(), cost, true, "converged");
            }
            if (l >= maxLevel) {
                return new Pilot(l, s.varianceP(), cost, false, "the bias test failed at the maximum level " + maxLevel);
            }
        }
    }

    /** The step a pilot chose and the variance of the payoff there. */
    record Pilot(int level, double varianceP, double cost, boolean converged, String message) {
    }
}
