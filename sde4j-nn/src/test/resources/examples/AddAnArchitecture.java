import org.sde4j.nn.arch.Architecture;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/** How to add an architecture: one constant (then one line in Architectures.ALL to register it by name). */
public final class AddAnArchitecture {
    /** A midpoint network: x + F(x + ½F(x)), the explicit midpoint rule over one learned branch per block. */
    public static final Architecture MIDPOINT_NET = new Architecture("midpoint-net", "x + F(x + ½F(x))",
            Architecture.Stage.SCHEME, options -> RungeKuttaSchemes.MIDPOINT.tableau(),
            (branches, width, survival, options) -> Architecture.Block.deterministic(branches.branch(width)),
            true, false);

    private AddAnArchitecture() {
    }
}
