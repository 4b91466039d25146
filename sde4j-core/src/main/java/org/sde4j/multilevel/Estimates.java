package org.sde4j.multilevel;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.sde4j.qmc.StudentT;
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
 * <p>All split the mean square error ε² in halves, bias² ≤ ε²/2 and variance ≤ ε²/2, and report a 95 % interval for
 * {@code E P} itself, the continuous-time expectation: {@code P̂ ± (q s + B)}, the statistical half-width q s (q the
 * normal quantile 1.96 for MC and MLMC, Student's t over the randomisations for QMC and MLQMC) plus a bound B on the
 * bias of the finest step. An interval for the mean at the finest step alone leaves the bias out, and for (ML)QMC,
 * whose standard error falls far below ε/√2 while the bias stays near it, it covered the Black–Scholes price in 1 or 2
 * of 100 runs at ε = 10⁻³. The bounds:
 * <ul>
 *   <li>MC and QMC: {@code 2 (|Ȳ_ℓ| + 2 s(Ȳ_ℓ))}, from the pilot's coupled correction at the chosen step and its
 *       standard error (weak order 1, M = 2: the bias of P_ℓ is about |E Y_ℓ|; the pilot's test holds
 *       {@code |Ȳ_ℓ| + 2 s(Ȳ_ℓ)} at ε/√2; the factor 2 is a safety factor, {@link Pilot#bound()});</li>
 *   <li>MLMC: Giles' bias estimate ({@link MultilevelResult#biasEstimate()});</li>
 *   <li>MLQMC: the estimate is Richardson-extrapolated on the finest level, and B bounds what is left
 *       ({@link MultilevelQmc}).</li>
 * </ul>
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
     * @param standardError s, its standard error (sampling or randomisation)
     * @param quantile      q: 1.96, or Student's t with R − 1 degrees of freedom for (ML)QMC
     * @param biasBound     B, the bound on the bias {@code |E P̂ − E P|} of the finest step (see the class comment)
     * @param steps         the finest number of steps
     * @param paths         the paths (all levels, or all randomisations and points; pilots excluded)
     * @param cost          the steps taken, pilots included (a multilevel sample of level ℓ counts n_ℓ(1 + 1/M))
     * @param seconds       wall time, pilots included
     * @param converged     whether the tolerance was met
     * @param message       "converged" or why not
     * @param detail        the method's own result ({@link MultilevelResult}, {@link MultilevelQmc.Result},
     *                      {@link RandomisedQmc.Result} or {@link LevelSums})
     */
    public record Estimate(Method method, double estimate, double standardError, double quantile, double biasBound,
            int steps, long paths, double cost, double seconds, boolean converged, String message, Object detail) {
        /** q s, the statistical half-width: the interval for the mean at the finest step is {@code P̂ ± q s}. */
        public double statisticalHalfWidth() {
            return quantile * standardError;
        }

        /** The lower end of the 95 % interval for {@code E P}: {@code P̂ − q s − B}. */
        public double lower() {
            return estimate - statisticalHalfWidth() - biasBound;
        }

        /** The upper end {@code P̂ + q s + B}. */
        public double upper() {
            return estimate + statisticalHalfWidth() + biasBound;
        }

        /** One line for people. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %.8g, 95 %% interval for the exact expectation [%.8g, %.8g]"
                    + " (statistical ± %.3g, bias bound ± %.3g), %d steps, %d paths, cost %.4g steps, %.3f s, %s",
                    method.name().toLowerCase(Locale.ROOT), estimate, lower(), upper(), statisticalHalfWidth(),
                    biasBound, steps, paths, cost, seconds, message);
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
     * Estimates {@code E payoff} for {@code problem} to root-mean-square error ε, without progress lines.
     *
     * @see #estimate(Method, SdeProblem, Coupling, Payoff, double, long, int, int, double, Consumer)
     */
    public static Estimate estimate(Method method, SdeProblem problem, Coupling scheme, Payoff payoff, double epsilon,
            long seed, int threads, int maxLevel, double maxSeconds) {
        return estimate(method, problem, scheme, payoff, epsilon, seed, threads, maxLevel, maxSeconds, null);
    }

    /**
     * Estimates {@code E payoff} for {@code problem} to root-mean-square error ε.
     *
     * <p><b>Time budget.</b> Every method starts no new round (a pilot level, a batch of plain paths, a doubling of
     * the points, a multilevel round) after {@code maxSeconds}; it then reports the best estimate it has, with
     * {@link Estimate#converged()} false and the message "stopped after … s (maxSeconds …) before the tolerance was
     * met". The rounds do not depend on the budget, so a run that finishes in time has the same bits with any budget.
     *
     * @param method     the method
     * @param problem    the problem
     * @param scheme     the scheme (and coupling)
     * @param payoff     the functional
     * @param epsilon    ε &gt; 0
     * @param seed       the root seed
     * @param threads    threads (never change the result)
     * @param maxLevel   the finest level allowed (steps 2^maxLevel)
     * @param maxSeconds the time budget (infinite: none)
     * @param progress   told a line after each round (null: nobody)
     * @return the estimate
     */
    public static Estimate estimate(Method method, SdeProblem problem, Coupling scheme, Payoff payoff, double epsilon,
            long seed, int threads, int maxLevel, double maxSeconds, Consumer<String> progress) {
        Require.nonNull("method", method);
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": the tolerance must be positive and finite");
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds = " + maxSeconds + ": must be > 0 (infinite: no limit)");
        }
        double budget = Math.min(maxSeconds, 1e12);
        Multilevel mlmc = Multilevel.of(problem, scheme, payoff).seed(seed).threads(threads)
                .levelRange(2, Math.max(2, maxLevel)).maxSeconds(budget).progress(progress);
        if (method == Method.MLMC) {
            MultilevelResult r = mlmc.estimate(epsilon);
            long paths = r.levels().stream().mapToLong(LevelEstimate::samples).sum();
            return new Estimate(method, r.estimate(), r.standardError(), MultilevelResult.Z95, r.biasEstimate(),
                    r.levels().get(r.finestLevel()).steps(), paths, r.cost(), r.seconds(), r.converged(), r.message(), r);
        }
        if (method == Method.MLQMC) {
            MultilevelQmc.Result r = MultilevelQmc.of(problem, scheme, payoff).seed(seed).threads(threads)
                    .maxLevel(Math.max(2, Math.min(24, maxLevel))).maxSeconds(budget).progress(progress)
                    .estimate(epsilon);
            long paths = 0;
            for (long p : r.points()) {
                paths += p * 16;
            }
            return new Estimate(method, r.estimate(), r.standardError(), StudentT.twoSidedQuantile(0.95, 16 - 1),
                    r.biasEstimate(), 1 << (r.points().length - 1), paths, r.cost(), r.seconds(), r.converged(), r.message(), r);
        }
        long start = System.nanoTime();
        Pilot pilot = chooseLevel(mlmc, epsilon, maxLevel, start, budget, progress);
        int steps = Levels.DEFAULT.steps(pilot.level());
        double z = MultilevelResult.Z95;
        if (pilot.stopped()) {
            LevelSums s = pilot.sums();
            double se = Math.sqrt(s.varianceP() / s.count());
            return new Estimate(method, s.meanP(), se, z, pilot.bound(), steps, s.count(), pilot.cost(), seconds(start), false, pilot.message(), s);
        }
        if (method == Method.MC) {
            long chunks = Math.max(1, (long) Math.ceil(Math.ceil(2 * pilot.varianceP() / (epsilon * epsilon))
                    / LevelJob.CHUNK));
            LevelSums s = LevelSums.EMPTY;
            for (long round = 16; s.count() < chunks * LevelJob.CHUNK; round *= 2) {
                long to = Math.min(chunks, s.count() / LevelJob.CHUNK + round);
                s = mlmc.plainMonteCarlo(pilot.level(), s, to, start, budget);
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT, "mc: %d of %d paths of %d steps, %.1f s", s.count(),
                            chunks * LevelJob.CHUNK, steps, seconds(start)));
                }
                if (seconds(start) > budget) {
                    break;
                }
            }
            boolean stopped = s.count() < chunks * LevelJob.CHUNK;
            double se = Math.sqrt(s.varianceY() / s.count());
            return new Estimate(method, s.meanY(), se, z, pilot.bound(), steps, s.count(), pilot.cost() + (double) s.count() * steps, seconds(start),
                    pilot.converged() && !stopped, stopped ? Multilevel.stopped(seconds(start), budget) : pilot.message(),
                    s);
        }
        double left = Math.max(budget - seconds(start), 1e-9);
        long maxPoints = 1L << 24;
        RandomisedQmc.Result r = RandomisedQmc.of(problem, scheme, payoff).steps(steps).seed(seed).threads(threads)
                .toStandardError(epsilon / Math.sqrt(2), 256, maxPoints, left, progress);
        boolean met = r.standardError() <= epsilon / Math.sqrt(2);
        long paths = r.points() * r.means().length;
        String message = met ? pilot.message() : r.points() < maxPoints ? Multilevel.stopped(seconds(start), budget)
                : "the standard error stayed above ε/√2 at 2^24 points";
        return new Estimate(method, r.estimate(), r.standardError(),
                StudentT.twoSidedQuantile(0.95, r.means().length - 1), pilot.bound(), steps, paths,
                pilot.cost() + (double) paths * steps, seconds(start), pilot.converged() && met, message, r);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    /**
     * The pilot's choice of step for a single-level method: the first level ℓ ≥ 2 whose coupled correction, from
     * 4096 samples (more when the correction's variance asks for it), satisfies {@code |Ȳ_ℓ| + 2 s_ℓ ≤ ε/√2}
     * (weak order 1 with M = 2: the remaining bias of level ℓ is about |E Y_ℓ|; the left side is the bias bound); and
     * Var(P_ℓ) from the same samples. Past {@code maxSeconds} no new level starts: the pilot is then
     * {@link Pilot#stopped()}, and its fine payoffs are the best plain estimate there is.
     */
    static Pilot chooseLevel(Multilevel mlmc, double epsilon, int maxLevel, long start, double maxSeconds,
            Consumer<String> progress) {
        double cost = 0;
        for (int l = 2; ; l++) {
            LevelSums s = mlmc.coupledLevel(l, LevelSums.EMPTY, 16, start, maxSeconds);
            double need = 16 * s.varianceY() / Math.pow(epsilon / Math.sqrt(2), 2);
            if (need > s.count()) {
                long chunks = (long) Math.ceil(Math.min(need, 1e8) / LevelJob.CHUNK);
                s = mlmc.coupledLevel(l, s, Math.max(17, chunks), start, maxSeconds);
            }
            cost += s.count() * Levels.DEFAULT.cost(l);
            double se = Math.sqrt(s.varianceY() / s.count());
            double bias = Math.abs(s.meanY());
            double elapsed = seconds(start);
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "pilot: %d steps, bias %.3g (target %.3g), %.1f s",
                        Levels.DEFAULT.steps(l), bias, epsilon / Math.sqrt(2), elapsed));
            }
            if (bias + 2 * se <= epsilon / Math.sqrt(2)) {
                return new Pilot(l, s.varianceP(), bias, se, cost, true, false, "converged", s);
            }
            if (l >= maxLevel) {
                return new Pilot(l, s.varianceP(), bias, se, cost, false, false,
                        "the bias test failed at the maximum level " + maxLevel, s);
            }
            if (elapsed > maxSeconds) {
                return new Pilot(l, s.varianceP(), bias, se, cost, false, true, Multilevel.stopped(elapsed, maxSeconds),
                        s);
            }
        }
    }

    /**
     * The step a pilot chose, the variance of the payoff and the bias estimate |Ȳ_ℓ| there with its standard error,
     * and its last level's sums.
     */
    record Pilot(int level, double varianceP, double bias, double standardError, double cost, boolean converged,
            boolean stopped, String message, LevelSums sums) {
        /**
         * The bias bound {@code 2 (|Ȳ_ℓ| + 2 s(Ȳ_ℓ))}: twice the quantity the bias test compares with ε/√2. The bias of
         * P_ℓ is {@code Σ_{k>ℓ} E Y_k}; when the corrections fall by a ratio ρ per level it is
         * {@code |E Y_ℓ| ρ/(1 − ρ)}, which the test's weak order 1 (ρ = ½) puts at |E Y_ℓ|. The factor 2 allows ρ up to
         * ⅔ (α ≥ 0.58): on the GBM call the coarse levels fall by ρ ≈ 0.53 to 0.57, and with the factor 1 the
         * qmc interval covered Black–Scholes in 95 of 100 runs at ε = 10⁻³, with 2 in 100 (docs/multilevel.md).
         */
        double bound() {
            return 2 * (bias + 2 * standardError);
        }
    }
}
