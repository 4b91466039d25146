package org.sde4j.solver.scheme;

import org.sde4j.brownian.Increment;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.tableau.TableauPlan;

/**
 * Stiffness detection: each step is taken by a non-stiff Runge–Kutta scheme N while the drift's stiffness lets it,
 * and by SK-ROCK ({@link SkRock}, Chebyshev stages chosen from the same estimate) where it does not — the idea of
 * StochasticDiffEq.jl's {@code AutoSOSRI2} (Rackauckas &amp; Nie 2018, "Stability-optimized high order methods and
 * stiffness detection for pathwise stiff stochastic differential equations", arXiv:1804.04344), with SK-ROCK in the
 * place of its implicit partner.
 *
 * <p><b>The switch.</b> At the start of each step, with ρ a bound (or estimate) of the spectral radius of the drift
 * Jacobian at the current state — the SDE's {@linkplain Sde#driftSpectralRadius own bound}, else the Gershgorin bound
 * of its {@linkplain Sde#driftJacobian Jacobian}, else nonlinear power iteration, exactly as SK-ROCK chooses its
 * stages — the step is N's when {@code h ρ ≤ 0.9 ℓ_N} and SK-ROCK's otherwise; ℓ_N is the length of the real
 * stability interval {@code [−ℓ_N, 0]} of N's deterministic part ({@link #realStabilityLength}). The choice depends
 * on (t, X, h) alone, never on the path's history, so the bits are the same in whatever order paths are stepped.
 * AutoSOSRI2 counts consecutive stiff steps before it switches (history); this does not.
 *
 * <p><b>Orders.</b> As h → 0, hρ falls below the threshold and every step is N's: the declared orders are N's. At
 * steps where SK-ROCK steps, the local accuracy is SK-ROCK's (strong ½, weak 1), which is the point — those steps
 * are stable where N's would blow up. <b>Cost:</b> N's evaluations plus the estimate of ρ (free with a bound, O(d²)
 * with a Jacobian, 7–51 drift evaluations by power iteration: give a bound or a Jacobian when the drift is cheap).
 * With an adaptive step, the estimate of each step comes from step doubling (SK-ROCK has no embedded estimate), and
 * only on additive noise: elsewhere SK-ROCK's steps are of strong order ½, which path-chosen steps bias
 * ({@link #strongOrderOfEveryStep}).
 */
public final class AutoSwitching extends DeclaredScheme {
    /** The fraction of N's real stability interval a step may use before SK-ROCK takes over. */
    public static final double SAFETY_FRACTION = 0.9;

    /** SOSRI2 while it is stable, SK-ROCK beyond: the registry's {@code auto-sosri2}. */
    public static final AutoSwitching SOSRI2_SK_ROCK = of("auto-sosri2", StabilityOptimisedSchemes.SOSRI2);

    private final RungeKuttaScheme nonStiff;
    private final double stabilityLength;

    private AutoSwitching(String name, RungeKuttaScheme nonStiff, double stabilityLength) {
        super(name, nonStiff.name() + " while h ρ(∂f/∂x) ≤ " + SAFETY_FRACTION + " × "
                + String.format("%.4f", stabilityLength) + " (its real stability interval), else SK-ROCK with stages from ρ (stiffness detection as"
                + " AutoSOSRI2, Rackauckas & Nie 2018)", nonStiff.calculus(), nonStiff.supportedNoise(),
                nonStiff.orders(), nonStiff.driftEvaluationsPerStep(), nonStiff.diffusionEvaluationsPerStep());
        this.nonStiff = nonStiff;
        this.stabilityLength = stabilityLength;
    }

    /**
     * N while it is stable, SK-ROCK beyond.
     *
     * @param name     the scheme's name
     * @param nonStiff N: an explicit Itô tableau scheme driven by Gaussian increments
     * @throws IllegalArgumentException when N is not Itô or is driven by other noise
     */
    public static AutoSwitching of(String name, RungeKuttaScheme nonStiff) {
        if (nonStiff.calculus() != SkRock.INSTANCE.calculus() || nonStiff.drivingNoise() != null) {
            throw new IllegalArgumentException("nonStiff = " + nonStiff.name() + ": must be an Itô scheme driven by"
                    + " Gaussian increments, as SK-ROCK is");
        }
        return new AutoSwitching(name, nonStiff, realStabilityLength(nonStiff.tableau().plan()));
    }

    /** N. */
    public RungeKuttaScheme nonStiff() {
        return nonStiff;
    }

    /** ℓ_N: N's deterministic part is stable for {@code hλ ∈ [−ℓ_N, 0]}. */
    public double stabilityLength() {
        return stabilityLength;
    }

    /**
     * The length ℓ of the real stability interval of a tableau's deterministic part: the largest ℓ with
     * {@code |R(−x)| ≤ 1} on {@code [0, ℓ]}, where {@code R(z) = 1 + z Σ_j α_j Y_j}, {@code Y_i = 1 + z Σ_j a_ij Y_j}
     * is the step's factor on {@code x' = λx}, {@code z = hλ} (an explicit tableau: R is its stability polynomial).
     * Found by scanning x in steps of 10⁻³ up to 10⁴ and bisecting the first crossing to 10⁻¹²; Euler's and Heun's
     * give 2, the classical RK4's 2.7853.
     */
    public static double realStabilityLength(TableauPlan plan) {
        double step = 1e-3;
        double x = step;
        while (x < 1e4 && Math.abs(amplification(plan, -x)) <= 1) {
            x += step;
        }
        double stable = x - step;
        double unstable = x;
        while (unstable - stable > 1e-12) {
            double mid = 0.5 * (stable + unstable);
            if (Math.abs(amplification(plan, -mid)) <= 1) {
                stable = mid;
            } else {
                unstable = mid;
            }
        }
        return stable;
    }

    /** R(z): the factor one step of the tableau's drift part multiplies x by on {@code x' = λx}, {@code z = hλ}. */
    static double amplification(TableauPlan plan, double z) {
        double[] y = new double[plan.s];
        for (int target = 0; target <= plan.s; target++) {
            double sum = 0;
            int[] from = plan.driftFrom[target];
            double[] coefficient = plan.driftCoefficient[target];
            for (int n = 0; n < from.length; n++) {
                sum += coefficient[n] * y[from[n]];
            }
            double value = 1 + z * sum;
            if (target == plan.s) {
                return value;
            }
            y[target] = value;
        }
        throw new AssertionError("unreachable");
    }

    /** The lower of N's and SK-ROCK's strong orders: a stiff step is SK-ROCK's (strong ½ unless the noise is additive). */
    @Override
    public double strongOrderOfEveryStep(NoiseStructure noise) {
        return Math.min(nonStiff.strongOrder(noise), SkRock.INSTANCE.strongOrder(noise));
    }

    @Override
    public boolean needsIteratedIntegrals() {
        return nonStiff.needsIteratedIntegrals();
    }

    @Override
    public boolean needsSpaceTimeLevyArea() {
        return nonStiff.needsSpaceTimeLevyArea();
    }

    @Override
    public IncrementUse incrementUse() {
        return nonStiff.incrementUse();
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        return new Switching(nonStiff.newStepper(sde), new SkRock.SkRockStepper(SkRock.INSTANCE, sde),
                SAFETY_FRACTION * stabilityLength);
    }

    /** One thread's workspace: both steppers and the count of steps each took (a diagnostic). */
    static final class Switching implements Stepper {
        private final Stepper nonStiff;
        private final SkRock.SkRockStepper stiff;
        private final double threshold;
        private long nonStiffSteps;
        private long stiffSteps;

        Switching(Stepper nonStiff, SkRock.SkRockStepper stiff, double threshold) {
            this.nonStiff = nonStiff;
            this.stiff = stiff;
            this.threshold = threshold;
        }

        @Override
        public void step(double t, double[] x, Increment noise) {
            double rho = stiff.spectralRadius(t, x);
            if (noise.h() * rho <= threshold) {
                nonStiffSteps++;
                nonStiff.step(t, x, noise);
            } else {
                stiffSteps++;
                stiff.step(t, x, noise, rho);
            }
        }

        /** Steps this stepper gave to N so far. */
        long nonStiffSteps() {
            return nonStiffSteps;
        }

        /** Steps this stepper gave to SK-ROCK so far. */
        long stiffSteps() {
            return stiffSteps;
        }
    }
}
