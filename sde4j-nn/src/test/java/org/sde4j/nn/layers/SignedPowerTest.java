package org.sde4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;

/** SignedPower's values and its backward pass against central differences away from 0. */
class SignedPowerTest {
    @Test
    void valuesAndDerivative() {
        SignedPower p = new SignedPower(0.5);
        Tensor x = Tensor.zeros(4);
        float[] in = {4f, -0.25f, 0f, 2f};
        System.arraycopy(in, 0, x.data(), 0, 4);
        Tensor y = p.forward(x, true);
        assertEquals(2f, y.data()[0], 1e-6);
        assertEquals(-0.5f, y.data()[1], 1e-6);
        assertEquals(0f, y.data()[2], 0);
        Tensor dy = Tensor.zeros(4);
        java.util.Arrays.fill(dy.data(), 1f);
        Tensor dx = p.backward(dy);
        for (int i : new int[] {0, 1, 3}) {
            double e = 1e-3;
            double numeric = (Math.signum(in[i] + e) * Math.sqrt(Math.abs(in[i] + e))
                    - Math.signum(in[i] - e) * Math.sqrt(Math.abs(in[i] - e))) / (2 * e);
            assertEquals(numeric, dx.data()[i], 1e-4 * Math.abs(numeric) + 1e-6, "x = " + in[i]);
        }
        assertEquals(0f, dx.data()[2], 0);
        SignedPower identity = new SignedPower(1);
        assertEquals(-0.25f, identity.forward(x, true).data()[1], 0);
        assertThrows(IllegalArgumentException.class, () -> new SignedPower(0));
        assertThrows(IllegalArgumentException.class, () -> new SignedPower(1.5));
    }
}
