package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.Solver;
import org.sde4j.solver.scheme.Schemes;

/**
 * Classical orders of every registered scheme that solves ODEs (noise structure {@link NoiseStructure#NONE}): the error at
 * t = 1 for N = 64 … 1024 steps (16 … 256 for RK4), fitted slope within ±0.1 of the declared deterministic order, on a
 * linear ODE {@code x' = −x + sin 3t} and a nonlinear one, the logistic equation
 * {@code x' = x(1 − x)}.
 */
class DeterministicOrderTest {
    /** {@code x' = −x + sin(3t)}, x(0) = 1: x(t) = c e^{−t} + (sin 3t − 3 cos 3t)/10 with c = 1.3. */
    private static final Sde LINEAR = Sde.ode((t, x) -> -x + Math.sin(3 * t));
    /** {@code x' = x(1 − x)}, x(0) = 0.2: x(t) = 1 / (1 + 4 e^{−t}). */
    private static final Sde LOGISTIC = Sde.ode((t, x) -> x * (1 - x));

    static double linearExact(double t) {
        return 1.3 * Math.exp(-t) + (Math.sin(3 * t) - 3 * Math.cos(3 * t)) / 10;
    }

    /** Every registered scheme that solves ODEs ({@link OrderTestPlan#classicalTested}), on both ODEs. */
    static Stream<Arguments> cases() {
        return Schemes.all().stream().filter(OrderTestPlan::classicalTested)
                .flatMap(s -> Stream.of(Arguments.of(s, "linear"), Arguments.of(s, "logistic")));
    }

    @ParameterizedTest(name = "{0} on the {1} ODE")
    @MethodSource("cases")
    void classicalOrder(Scheme scheme, String ode) {
        check(scheme, ode);
    }

    /** The fitted classical order of {@code scheme} on {@code ode} ("linear" or "logistic") is the declared one. */
    static void check(Scheme scheme, String ode) {
        String schemeName = scheme.name();
        boolean linear = ode.equals("linear");
        SdeProblem problem = SdeProblem.of(linear ? LINEAR : LOGISTIC, linear ? 1.0 : 0.2, 0, 1);
        double exact = linear ? linearExact(1) : 1 / (1 + 4 * Math.exp(-1));
        // Higher orders reach round-off sooner; lower orders need smaller steps to leave the pre-asymptotic
        // range (the LM two-step method's error ratios are 2.4, 2.2, 2.1 at 16 … 128 steps).
        int[] steps = scheme.strongOrder(NoiseStructure.NONE) >= 3 ? new int[] {16, 32, 64, 128, 256}
                : new int[] {64, 128, 256, 512, 1024};
        double[] dts = new double[steps.length];
        double[] errors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            dts[k] = 1.0 / steps[k];
            org.sde4j.brownian.BrownianSource unused = scheme.needsSpaceTimeLevyArea()
                    ? new org.sde4j.brownian.StreamingLevyAreaIncrements(RandomStreams.gaussian(1, 0), 1)
                    : new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 1);
            errors[k] = Math.abs(Solver.solveToEnd(problem, scheme, steps[k], unused)[0] - exact);
        }
        double slope = org.sde4j.error.OrderFit.leastSquaresSlope(dts, errors);
        assertEquals(scheme.strongOrder(NoiseStructure.NONE), slope, 0.1,
                () -> schemeName + " on " + ode + ": errors " + java.util.Arrays.toString(errors));
    }
}
