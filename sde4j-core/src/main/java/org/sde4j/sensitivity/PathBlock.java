package org.sde4j.sensitivity;

/**
 * A block of B paths solved together in structure-of-arrays layout, with tangents in the D directions when asked:
 * {@code x()[i·B + q]}, {@code tangent()[(j·d + i)·B + q]}, and the running cost's sums {@code runValue()[q]},
 * {@code runGradient()[j·B + q]} (null without a running cost).
 */
interface PathBlock {
    /**
     * Solves {@code count} paths from x0 on {@code times} with the increments {@code dw[(n·m + k)·B + q]}.
     *
     * @param second {@code {f_xx(x0), g_xx(x0)}} for Γ, else null
     */
    void solve(double[] theta, double[] x0, double[] times, double[] dw, int count, double[] second);

    double[] x();

    double[] tangent();

    double[] runValue();

    double[] runGradient();
}
