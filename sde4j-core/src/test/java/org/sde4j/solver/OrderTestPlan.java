package org.sde4j.solver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.scheme.Schemes;

/**
 * Which order tests each registered scheme gets, derived from the registry ({@link Schemes#all}), from each scheme's
 * own declarations and from the test problems' data, never from a list of scheme names. A scheme is left out of a
 * kind of test only by a rule read from what it declares, each rule with its reason:
 *
 * <ul>
 * <li>ODE-only ({@link Scheme#supportedNoise} is {@link NoiseStructure#NONE} alone): no strong or weak test; its
 *     order is the classical one.</li>
 * <li>driven by its own discrete law ({@link Scheme#drivingNoise}): no strong test, its increments are not the
 *     Brownian path.</li>
 * <li>no scalar noise among its structures: no exact weak test, which runs on scalar GBM.</li>
 * <li>a step that carries auxiliary state ({@link Stepper#auxiliaryDimension}): no exact weak test, which needs
 *     {@code X_{n+1} = R(ΔW) X_n}.</li>
 * </ul>
 *
 * <p>A problem that declares itself {@linkplain TestProblem#driftDominated drift-dominated} (the {@code additive}
 * problem) bounds the observed strong order by the scheme's strong and classical orders instead of requiring the
 * strong order ({@link StrongConvergenceTest}). {@code RegistryOrderCoverageTest} fails for a scheme that a kind of
 * test neither covers nor leaves out by a rule: such a scheme needs a test problem that fits it.
 */
public final class OrderTestPlan {
    private OrderTestPlan() {
    }

    /** Strong-order problems with exact solutions, tried for every scheme that supports them. */
    static final List<String> STRONG_PROBLEMS = List.of("gbm", "cubic", "wave", "additive");

    private static final String ODE_ONLY = "ODE-only (it supports NoiseStructure.NONE alone): its order is the"
            + " classical order, checked by DeterministicOrderTest";

    /** The problem's SDE in the scheme's calculus (the same process), or null when it cannot be converted. */
    public static Sde inCalculusOf(Sde sde, Scheme scheme) {
        if (sde.calculus() == scheme.calculus()) {
            return sde;
        }
        try {
            return sde.convertedTo(scheme.calculus());
        } catch (IllegalArgumentException noDerivative) {
            return null;
        }
    }

    private static boolean odeOnly(Scheme scheme) {
        return scheme.supportedNoise().equals(EnumSet.of(NoiseStructure.NONE));
    }

    /** Why {@code scheme} has no strong-order test, by a rule on its declarations; empty when it has one. */
    static Optional<String> strongExcuse(Scheme scheme) {
        if (odeOnly(scheme)) {
            return Optional.of(ODE_ONLY);
        }
        if (scheme.drivingNoise() != null) {
            return Optional.of("weak scheme driven by " + scheme.drivingNoise().name() + " increments, which are not"
                    + " the Brownian path: no strong order");
        }
        return Optional.empty();
    }

    /** Why {@code scheme} has no exact weak-order test, by a rule on its declarations; empty when it has one. */
    static Optional<String> weakExcuse(Scheme scheme) {
        if (odeOnly(scheme)) {
            return Optional.of(ODE_ONLY);
        }
        if (scheme.supportedNoise().stream().noneMatch(NoiseStructure.SCALAR::isSpecialCaseOf)) {
            return Optional.of("supports no scalar noise (it supports " + scheme.supportedNoiseLabel() + "): the"
                    + " exact weak test runs on scalar GBM");
        }
        Sde gbm = inCalculusOf(Problems.gbm().problem().sde(), scheme);
        if (gbm != null && Schemes.supports(scheme, gbm) && scheme.newStepper(gbm).auxiliaryDimension() > 0) {
            return Optional.of("its step carries auxiliary state, so X_N is not R(ΔW)^N X_0");
        }
        return Optional.empty();
    }

    /** Why {@code scheme} has no classical-order test; empty when it has one. */
    static Optional<String> classicalExcuse(Scheme scheme) {
        return scheme.supportedNoise().stream().anyMatch(NoiseStructure.NONE::isSpecialCaseOf) ? Optional.empty()
                : Optional.of("solves no ODE (NoiseStructure.NONE is a special case of none of its structures)");
    }

    /** The strong-order problems {@code scheme} is tested on (none when a rule leaves it out). */
    static List<TestProblem> strongProblems(Scheme scheme) {
        List<TestProblem> out = new ArrayList<>();
        if (strongExcuse(scheme).isPresent()) {
            return out;
        }
        for (String name : STRONG_PROBLEMS) {
            TestProblem problem = Problems.byName(name);
            Sde sde = inCalculusOf(problem.problem().sde(), scheme);
            if (sde != null && Schemes.supports(scheme, sde) && problem.solution().isPresent()) {
                out.add(problem);
            }
        }
        return out;
    }

    /** Whether the exact weak test (scalar GBM, one-step map) fits {@code scheme}. */
    static boolean weakTested(Scheme scheme) {
        return weakExcuse(scheme).isEmpty();
    }

    /** Whether the classical test (two ODEs) fits {@code scheme}. */
    static boolean classicalTested(Scheme scheme) {
        return classicalExcuse(scheme).isEmpty();
    }

    /** Whether the scheme approximates the Stratonovich calculus. */
    static boolean stratonovich(Scheme scheme) {
        return scheme.calculus() == Calculus.STRATONOVICH;
    }
}
