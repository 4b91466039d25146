package org.sde4j.qmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void quantileMatchesCommonsMath() {
        for (int nu = 1; nu <= 60; nu++) {
            double reference = new TDistribution(null, nu, 1e-14).inverseCumulativeProbability(0.975);
            assertEquals(reference, StudentT.twoSidedQuantile(0.95, nu), 1e-9 * reference, "nu = " + nu);
        }
    }

    @Test
    void publishedValues() {
        assertEquals(12.706204736174698, StudentT.twoSidedQuantile(0.95, 1), 1e-9);
        assertEquals(2.131449545559323, StudentT.twoSidedQuantile(0.95, 15), 1e-9);
        assertEquals(2.0395134463964077, StudentT.twoSidedQuantile(0.95, 31), 1e-9);
    }
}
