package org.sde4j.sensitivity;

import java.util.Arrays;
import java.util.Locale;
import org.sde4j.gradient.ParametricSde;

/**
 * Checks a {@link ParametricSde}'s hand-written vector–Jacobian products against central differences of its drift
 * and diffusion, entry by entry, and names the first entry that disagrees (the spirit of
 * {@code torch.autograd.gradcheck}). Entry {@code (i, u)} of a Jacobian is read from the VJP with the unit cotangent
 * e_i and compared with {@code (c_i(u + δ) − c_i(u − δ)) / 2δ}, {@code δ = step · max(1, |u|)}; it passes when
 * {@code |vjp − fd| ≤ tolerance · max(1, |fd|)}.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * Throws when an entry disagrees.
     *
     * @throws IllegalArgumentException naming the coefficient, the entry and both values
     */
    public static void check(ParametricSde sde, double t, double[] x, double[] theta, double step, double tolerance) {
        String mismatch = firstMismatch(sde, t, x, theta, step, tolerance);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
    }

    /**
     * The first disagreeing entry, described, or null when all agree.
     *
     * @throws IllegalArgumentException when x or θ has the wrong length, or a VJP writes out of bounds
     */
    public static String firstMismatch(ParametricSde sde, double t, double[] x, double[] theta, double step,
            double tolerance) {
        int d = sde.stateDimension();
        int p = sde.parameterCount();
        if (x.length != d || theta.length != p) {
            throw new IllegalArgumentException("gradient check: x has length " + x.length + " and θ " + theta.length
                    + ", the SDE has d = " + d + " and p = " + p);
        }
        for (int coefficient = 0; coefficient < 2; coefficient++) {
            String name = coefficient == 0 ? "drift" : "diffusion";
            for (int i = 0; i < d; i++) {
                double[] unit = new double[d];
                unit[i] = 1;
                double[] dx = new double[d];
                double[] dTheta = new double[p];
                try {
                    if (coefficient == 0) {
                        sde.driftVjp(t, x.clone(), theta.clone(), unit, dx, dTheta);
                    } else {
                        sde.diffusionVjp(t, x.clone(), theta.clone(), unit, dx, dTheta);
                    }
                } catch (ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException(name + "Vjp wrote out of bounds (" + e.getMessage()
                            + "): its arrays have d = " + d + " (x, v, dx) and p = " + p + " (dTheta) entries", e);
                }
                for (int k = 0; k < d + p; k++) {
                    double[] xb = x.clone();
                    double[] tb = theta.clone();
                    double[] u = k < d ? xb : tb;
                    int e = k < d ? k : k - d;
                    double centre = u[e];
                    double h = step * Math.max(1, Math.abs(centre));
                    u[e] = centre + h;
                    double plus = evaluate(sde, coefficient, t, xb, tb)[i];
                    u[e] = centre - h;
                    double minus = evaluate(sde, coefficient, t, xb, tb)[i];
                    double fd = (plus - minus) / (2 * h);
                    double vjp = k < d ? dx[e] : dTheta[e];
                    if (!(Math.abs(vjp - fd) <= tolerance * Math.max(1, Math.abs(fd)))) {
                        return String.format(Locale.ROOT, "%s: ∂%s_%d/∂%s is %.10g by its VJP but %.10g by central"
                                + " differences at t = %s, x = %s, θ = %s", name, name.charAt(0) == 'd' && coefficient == 0
                                        ? "f" : "g", i, k < d ? "x_" + e : "θ_" + e, vjp, fd, t, Arrays.toString(x),
                                Arrays.toString(theta));
                    }
                }
            }
        }
        return null;
    }

    private static double[] evaluate(ParametricSde sde, int coefficient, double t, double[] x, double[] theta) {
        double[] out = new double[sde.stateDimension()];
        if (coefficient == 0) {
            sde.drift(t, x, theta, out);
        } else {
            sde.diffusion(t, x, theta, out);
        }
        return out;
    }
}
