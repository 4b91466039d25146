import java.util.EnumSet;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.Orders;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.tableau.StochasticTableau;

/** How to add a scheme: one constant (then one line in Schemes' list to register it by name). */
public final class AddAScheme {
    /**
     * Ralston's two-stage method as a Stratonovich SRK: stage at c = 2/3, weights 1/4 and 3/4 in the drift and
     * the noise. RungeKuttaScheme.of checks the conditions of the declared orders (classical 2; Stratonovich
     * strong 1: Σβ = 1, Σβ(Be) = 3/4 · 2/3 = 1/2) and throws if the coefficients do not meet them.
     */
    public static final RungeKuttaScheme RALSTON = RungeKuttaScheme.of("ralston",
            "X + (f + 3 f(X̃)) h/4 + (g + 3 g(X̃)) ΔW/4, X̃ = X + 2/3 (f h + g ΔW) (stochastic Ralston)",
            Calculus.STRATONOVICH, EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1).classical(2),
            StochasticTableau.builder(new double[] {0, 2.0 / 3}, new double[][] {{0, 0}, {2.0 / 3, 0}},
                            new double[] {0.25, 0.75})
                    .noise(NoiseTerm.DW, new double[][] {{0, 0}, {2.0 / 3, 0}}, new double[] {0.25, 0.75})
                    .build());

    private AddAScheme() {
    }
}
