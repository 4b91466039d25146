package org.sde4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The computed Gauss–Hermite rule against exact moments and against Commons Math's independent rule. */
class GaussHermiteTest {

    /** {@code ∫ y^{2m} e^{−y²} dy = Γ(m + ½) = (2m−1)!! √π / 2^m}, exact for {@code 2m ≤ 2n − 1}. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16, 64, 100})
    void integratesEvenMomentsExactly(int n) {
        GaussHermite rule = GaussHermite.of(n);
        double exact = Math.sqrt(Math.PI);
        for (int m = 0; 2 * m <= 2 * n - 1 && m <= 30; m++) {
            int power = 2 * m;
            double value = rule.integrate(y -> Math.pow(y, power));
            assertEquals(exact, value, 1e-13 * exact, "n = " + n + ", moment " + power);
            assertEquals(0, rule.integrate(y -> Math.pow(y, power + 1)), 1e-13 * exact, "odd moment " + (power + 1));
            exact *= (2 * m + 1) / 2.0;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 64})
    void agreesWithCommonsMath(int n) {
        SymmetricGaussIntegrator reference = new GaussIntegratorFactory().hermite(n);
        GaussHermite rule = GaussHermite.of(n);
        double[] nodes = rule.nodes();
        double[] weights = rule.weights();
        for (int k = 0; k < n; k++) {
            assertEquals(reference.getPoint(k), nodes[k], 1e-13 * Math.max(1, Math.abs(nodes[k])), "node " + k);
            assertEquals(reference.getWeight(k), weights[k], 1e-12 * weights[k], "weight " + k);
        }
    }

    /** {@code E e^{a W_t} = e^{a² t / 2}}, the hardest case the problem library asks of the rule. */
    @Test
    void gaussianExpectationOfAnExponential() {
        for (double t : new double[] {0.5, 1, 10}) {
            double value = GaussianExpectation.of(w -> Math.exp(1.5 * w), t);
            double exact = Math.exp(1.5 * 1.5 * t / 2);
            assertEquals(exact, value, 1e-13 * exact, "t = " + t);
        }
    }

    @Test
    void rejectsImpossibleSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussHermite.of(0));
        assertEquals("n = 0: a Gauss–Hermite rule needs 1 ≤ n ≤ 200 points", e.getMessage());
    }
}
