package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.Orders;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.Stepper;

/**
 * Drift-implicit θ-schemes for stiff SDEs (Kloeden &amp; Platen 1992, §12.2 and §12.3):
 *
 * <pre>
 *   θ-Euler–Maruyama:  X_{n+1} = X + [θ f(t + h, X_{n+1}) + (1 − θ) f(t, X)] h + g(t, X) ΔW
 *   θ-Milstein:        the same plus ½ g g' (ΔW² − h)   (scalar noise with d = 1, or diagonal noise)
 * </pre>
 *
 * <p>θ = 1 is the backward (implicit) Euler–Maruyama scheme, and on ODEs the backward Euler method;
 * θ = ½ the trapezoidal rule. The implicit equation {@code Y − θ h f(t + h, Y) = R} is solved by Newton's
 * method started from the explicit Euler predictor, with the Jacobian {@code I − θ h ∂f/∂x} from the
 * user's {@link Sde#driftJacobian} or, without it, forward differences (step {@code √ε · max(1, |Y_k|)}),
 * factorised by EJML's LU. The Newton is simplified (Hairer &amp; Wanner, Solving ODEs II, §IV.8): the Jacobian
 * and its LU factors are formed once per step, at the predictor, and every iteration reuses them with one drift
 * evaluation and one pair of triangular solves; they are formed again only when an iteration shrinks the update by
 * less than half (slow linear contraction far from the solution). On a linear drift the first iteration is exact,
 * so a step costs one factorisation instead of one per iteration. The iteration stops when the Newton update is below
 * {@code 1e-12 · (1 + |Y|)} (max norm); after {@value #MAX_ITERATIONS} iterations, or on a singular
 * matrix, the step fails with a {@link StepFailedException} naming the time.
 *
 * <p>Strong order: θ-Euler–Maruyama 0.5 (1.0 for additive noise), θ-Milstein 1.0; weak order 1;
 * classical order on ODEs 1 (2 for θ = ½). Mean-square stable for the linear test equation far beyond
 * the explicit schemes' step limit.
 */
public final class DriftImplicit extends DeclaredScheme {
    static final int MAX_ITERATIONS = 50;

    /** Backward Euler–Maruyama (θ = 1). */
    public static final DriftImplicit EULER_MARUYAMA = eulerMaruyama(1.0);
    /** Backward Milstein (θ = 1). */
    public static final DriftImplicit MILSTEIN = milstein(1.0);

    private final double theta;
    private final boolean milsteinTerm;

    private DriftImplicit(String name, String description, double theta, boolean milsteinTerm) {
        super(name, description, Calculus.ITO,
                milsteinTerm ? EnumSet.of(NoiseStructure.SCALAR, NoiseStructure.DIAGONAL, NoiseStructure.ADDITIVE)
                        : EnumSet.of(NoiseStructure.GENERAL),
                Orders.strong(milsteinTerm ? 1.0 : 0.5).strongOn(NoiseStructure.ADDITIVE, 1.0).weak(1.0)
                        .classical(theta == 0.5 ? 2.0 : 1.0),
                2, milsteinTerm ? 2 : 1);
        this.theta = theta;
        this.milsteinTerm = milsteinTerm;
    }

    /** The drift-implicit θ-Euler–Maruyama scheme, {@code 0 < θ <= 1}. */
    public static DriftImplicit eulerMaruyama(double theta) {
        checkTheta(theta);
        return new DriftImplicit(theta == 1.0 ? "implicit-euler-maruyama" : "implicit-euler-maruyama-" + theta,
                "X + [θ f(X_{n+1}) + (1−θ) f(X)] h + g ΔW, θ = " + theta + ", Newton + LU (Kloeden & Platen §12.2)",
                theta, false);
    }

    /** The drift-implicit θ-Milstein scheme, {@code 0 < θ <= 1}. */
    public static DriftImplicit milstein(double theta) {
        checkTheta(theta);
        return new DriftImplicit(theta == 1.0 ? "implicit-milstein" : "implicit-milstein-" + theta,
                "X + [θ f(X_{n+1}) + (1−θ) f(X)] h + g ΔW + ½ g g' (ΔW² − h), θ = " + theta
                        + ", Newton + LU (Kloeden & Platen §12.3)", theta, true);
    }

    private static void checkTheta(double theta) {
        if (!(theta > 0 && theta <= 1)) {
            throw new IllegalArgumentException("theta = " + theta + ": must lie in (0, 1]");
        }
    }

    /** θ, the weight of the implicit drift evaluation. */
    public double theta() {
        return theta;
    }

    @Override
    public void checkSupports(Sde sde) {
        super.checkSupports(sde);
        if (milsteinTerm) {
            Milstein.ITO.checkSupports(sde.noise() == NoiseStructure.NONE ? sde : sde.interpretedIn(Calculus.ITO));
        }
    }

    /** θ-Euler–Maruyama reads ΔW through {@code g ΔW} only; θ-Milstein also through {@code ΔW_i² − h}. */
    @Override
    public IncrementUse incrementUse() {
        return milsteinTerm ? IncrementUse.COMPONENT_SQUARES : IncrementUse.LINEAR;
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        return new NewtonStepper(sde, theta, milsteinTerm && sde.noise() != NoiseStructure.ADDITIVE);
    }

    private static final class NewtonStepper implements Stepper {
        private final Sde sde;
        private final double theta;
        private final boolean milsteinTerm;
        private final int d;
        private final double[] f0;
        private final double[] rhs;
        private final double[] fy;
        private final double[] g;
        private final double[] dg;
        private final double[] shifted;
        private final double[] fShifted;
        private final double[] jacobian;
        private final DMatrixRMaj matrix;
        private final DMatrixRMaj residual;
        private final DMatrixRMaj update;
        private final LinearSolverDense<DMatrixRMaj> lu;

        NewtonStepper(Sde sde, double theta, boolean milsteinTerm) {
            this.sde = sde;
            this.theta = theta;
            this.milsteinTerm = milsteinTerm;
            this.d = sde.stateDimension();
            this.f0 = new double[d];
            this.rhs = new double[d];
            this.fy = new double[d];
            this.g = new double[d];
            this.dg = new double[d];
            this.shifted = new double[d];
            this.fShifted = new double[d];
            this.jacobian = new double[d * d];
            this.matrix = new DMatrixRMaj(d, d);
            this.residual = new DMatrixRMaj(d, 1);
            this.update = new DMatrixRMaj(d, 1);
            this.lu = LinearSolverFactory_DDRM.lu(d);
        }

        @Override
        public void step(double t, double[] x, Increment noise) {
            double h = noise.h();
            double[] dw = noise.dw();
            sde.drift(t, x, f0);
            if (milsteinTerm) {
                sde.diffusionVector(t, x, g);
                sde.diffusionDerivative(t, x, dg);
                for (int i = 0; i < d; i++) {
                    double w = dw[d == dw.length ? i : 0];
                    rhs[i] = x[i] + (1 - theta) * h * f0[i] + g[i] * w + 0.5 * g[i] * dg[i] * (w * w - h);
                }
            } else {
                sde.diffusion(t, x, dw, g);
                for (int i = 0; i < d; i++) {
                    rhs[i] = x[i] + (1 - theta) * h * f0[i] + g[i];
                }
            }
            // Explicit Euler predictor, then Newton on F(Y) = Y − θ h f(t + h, Y) − rhs.
            for (int i = 0; i < d; i++) {
                x[i] = rhs[i] + theta * h * f0[i];
            }
            double tNext = t + h;
            boolean refactorise = true;
            double previousSize = Double.POSITIVE_INFINITY;
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                sde.drift(tNext, x, fy);
                if (refactorise) {
                    factorise(t, tNext, x, h);
                    refactorise = false;
                    previousSize = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < d; i++) {
                    residual.data[i] = x[i] - theta * h * fy[i] - rhs[i];
                }
                lu.solve(residual, update);
                double size = 0;
                double scale = 0;
                for (int i = 0; i < d; i++) {
                    x[i] -= update.data[i];
                    size = Math.max(size, Math.abs(update.data[i]));
                    scale = Math.max(scale, Math.abs(x[i]));
                }
                if (!(size <= 1e-12 * (1 + scale))) {
                    if (Double.isNaN(size)) {
                        throw StepFailedException.at(t, "the Newton iteration produced NaN (h = " + h + ")");
                    }
                    // The frozen Jacobian contracts linearly; when it contracts slowly, form it again here.
                    refactorise = size > 0.5 * previousSize;
                    previousSize = size;
                    continue;
                }
                return;
            }
            throw StepFailedException.at(t, "the Newton iteration did not converge in " + MAX_ITERATIONS
                    + " iterations (h = " + h + "); a smaller step may help");
        }

        /** Forms {@code I − θ h ∂f/∂x} at y (fy = f(tNext, y) already evaluated) and factorises it. */
        private void factorise(double t, double tNext, double[] y, double h) {
            jacobianAt(tNext, y);
            double[] a = matrix.data;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    a[i * d + k] = (i == k ? 1.0 : 0.0) - theta * h * jacobian[i * d + k];
                }
            }
            if (!lu.setA(matrix)) {
                throw StepFailedException.at(t, "the Newton matrix I − θ h ∂f/∂x is singular (h = " + h + ")");
            }
        }

        private void jacobianAt(double t, double[] y) {
            if (sde.hasDriftJacobian()) {
                sde.driftJacobian(t, y, jacobian);
                return;
            }
            System.arraycopy(y, 0, shifted, 0, d);
            for (int k = 0; k < d; k++) {
                double step = 1.4901161193847656e-8 * Math.max(1.0, Math.abs(y[k]));
                shifted[k] = y[k] + step;
                sde.drift(t, shifted, fShifted);
                for (int i = 0; i < d; i++) {
                    jacobian[i * d + k] = (fShifted[i] - fy[i]) / step;
                }
                shifted[k] = y[k];
            }
        }
    }

}
