package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.Orders;
import org.sde4j.solver.tableau.RosslerTableau;

/**
 * Stochastic Runge–Kutta schemes of strong order 1.5 from Rößler's SRI and SRA families ({@link RosslerTableau}),
 * run by the generic tableau step. They need the space-time Lévy area of each step (for {@code I_(1,0)}),
 * which the ensemble's default streaming source, the virtual Brownian tree and the refinable grid path
 * supply.
 */
public final class RosslerSchemes {
    private RosslerSchemes() {
    }

    /** SRIW1's coefficients (Rößler 2010, the weak-order-2 member of SRI; as in StochasticDiffEq.jl). */
    public static final RosslerTableau SRIW1_TABLEAU = RosslerTableau.sri(
            new double[] {0, 0.75, 0, 0},
            new double[] {0, 0.25, 1, 0.25},
            new double[][] {{0, 0, 0, 0}, {0.75, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
            new double[][] {{0, 0, 0, 0}, {0.25, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0.25, 0}},
            new double[][] {{0, 0, 0, 0}, {1.5, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
            new double[][] {{0, 0, 0, 0}, {0.5, 0, 0, 0}, {-1, 0, 0, 0}, {-5, 3, 0.5, 0}},
            new double[] {1.0 / 3, 2.0 / 3, 0, 0},
            new double[] {-1, 4.0 / 3, 2.0 / 3, 0},
            new double[] {-1, 4.0 / 3, -1.0 / 3, 0},
            new double[] {2, -4.0 / 3, -2.0 / 3, 0},
            new double[] {-2, 5.0 / 3, -2.0 / 3, 1});

    /** SRA1's coefficients (Rößler 2010). */
    public static final RosslerTableau SRA1_TABLEAU = RosslerTableau.sra(
            new double[] {0, 0.75}, new double[] {1, 0},
            new double[][] {{0, 0}, {0.75, 0}}, new double[][] {{0, 0}, {1.5, 0}},
            new double[] {1.0 / 3, 2.0 / 3}, new double[] {1, 0}, new double[] {-1, 1});

    /** SRA3's coefficients (Rößler 2010): a third-order drift part. */
    public static final RosslerTableau SRA3_TABLEAU = RosslerTableau.sra(
            new double[] {0, 1, 0.5}, new double[] {1, 0, 0},
            new double[][] {{0, 0, 0}, {1, 0, 0}, {0.25, 0.25, 0}},
            new double[][] {{0, 0, 0}, {0, 0, 0}, {1, 0.5, 0}},
            new double[] {1.0 / 6, 1.0 / 6, 2.0 / 3}, new double[] {1, 0, 0}, new double[] {-1, 1, 0});

    /** SOSRA's coefficients (Rackauckas &amp; Nie 2018, stability-optimised SRA). */
    public static final RosslerTableau SOSRA_TABLEAU = RosslerTableau.sra(
            new double[] {0, 0.6923962376159507, 1}, new double[] {0, 0.041248171110700504, 1},
            new double[][] {{0, 0, 0}, {0.6923962376159507, 0, 0}, {-3.1609142252828395, 4.1609142252828395, 0}},
            new double[][] {{0, 0, 0}, {1.3371632704399763, 0, 0}, {1.442371048468624, 1.8632741501139225, 0}},
            new double[] {0.2889874966892885, 0.6859880440839937, 0.025024459226717772},
            new double[] {-16.792534242221663, 17.514995785380226, 0.27753845684143835},
            new double[] {0.4237535769069274, 0.6010381474428539, -1.0247917243497813});

    /**
     * SRIW1 (Rößler 2010): Itô, scalar or diagonal noise; strong order 1.5, weak order 2; four drift and
     * four diffusion stages (drift evaluated at 2, diffusion at 4); classical order 2 on ODEs.
     */
    public static final RungeKuttaScheme SRIW1 = RungeKuttaScheme.of("sriw1",
            "Rößler's SRI stages with I_(1), I_(1,1), I_(1,0), I_(1,1,1) (Rößler 2010, SRIW1)",
            EnumSet.of(NoiseStructure.SCALAR, NoiseStructure.DIAGONAL, NoiseStructure.ADDITIVE),
            Orders.strong(1.5).weak(2.0).classical(2.0), SRIW1_TABLEAU);

    /** SRA1 (Rößler 2010): additive noise; strong order 1.5, weak order 2; classical order 2. */
    public static final RungeKuttaScheme SRA1 = RungeKuttaScheme.of("sra1",
            "Rößler's SRA with I_(1), I_(1,0) (Rößler 2010, SRA1)", EnumSet.of(NoiseStructure.ADDITIVE),
            Orders.strong(1.5).weak(2.0).classical(2.0), SRA1_TABLEAU);

    /** SRA3 (Rößler 2010): additive noise; strong order 1.5, weak order 2 (3 on the drift); classical order 3. */
    public static final RungeKuttaScheme SRA3 = RungeKuttaScheme.of("sra3",
            "Rößler's SRA with a third-order drift part (Rößler 2010, SRA3)", EnumSet.of(NoiseStructure.ADDITIVE),
            Orders.strong(1.5).weak(2.0).classical(3.0), SRA3_TABLEAU);

    /** SOSRA (Rackauckas &amp; Nie 2018): stability-optimised SRA; strong order 1.5; classical order 2. */
    public static final RungeKuttaScheme SOSRA = RungeKuttaScheme.of("sosra",
            "stability-optimised SRA (Rackauckas & Nie 2018, SOSRA)", EnumSet.of(NoiseStructure.ADDITIVE),
            Orders.strong(1.5).weak(2.0).classical(2.0), SOSRA_TABLEAU);
}
