import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.sde4j.multilevel.Coupling;
import org.sde4j.multilevel.GbmFormulas;
import org.sde4j.multilevel.LevelSums;
import org.sde4j.multilevel.Multilevel;
import org.sde4j.multilevel.Payoff;

/**
 * Giles' level diagnostics on his GBM options (r = 0.05, σ = 0.2, T = 1, S₀ = K = 1; M = 2, level ℓ has 2^ℓ steps):
 * for each payoff and coupling, a fixed N samples per level ℓ = 0 … L, and per level log₂ V_ℓ, log₂ |E Y_ℓ|,
 * log₂ Var P_ℓ; then α and β fitted by least squares over ℓ = 2 … L (Giles' first panels, as a table).
 *
 * <pre>
 *   mvn -B -o -q -pl sde4j-core compile
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/GilesLevels.java [N per level] [L]
 * </pre>
 */
public class GilesLevels {
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 65536;
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        GbmFormulas gbm = GbmFormulas.GILES;
        double d = gbm.discount();
        Payoff[] payoffs = {Payoff.europeanCall(1, d), Payoff.asianCall(1, d, false), Payoff.asianCall(1, d, true),
            Payoff.lookbackCall(d), Payoff.digitalCall(1, d)};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "N = %d per level, levels 0 … %d, seed 1%n%n", n, top);
        System.out.println("| payoff | scheme | log₂ V_ℓ, ℓ = 1 … L | log₂ abs(E Y_ℓ), ℓ = 1 … L | α | β | CPU s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Payoff p : payoffs) {
            for (Coupling c : Coupling.values()) {
                Multilevel mlmc = Multilevel.of(gbm.problem(), c, p).seed(1);
                long c0 = mx.getCurrentThreadCpuTime();
                double[] v = new double[top + 1];
                double[] m = new double[top + 1];
                StringBuilder vs = new StringBuilder();
                StringBuilder ms = new StringBuilder();
                for (int l = 0; l <= top; l++) {
                    LevelSums s = mlmc.levelJob(l, 0, (n + 255) / 256).run();
                    v[l] = s.varianceY();
                    m[l] = Math.abs(s.meanY());
                    if (l >= 1) {
                        vs.append(String.format(Locale.ROOT, "%s%.1f", l > 1 ? " " : "", log2(v[l])));
                        ms.append(String.format(Locale.ROOT, "%s%.1f", l > 1 ? " " : "", log2(m[l])));
                    }
                }
                double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %.1f |%n", p.name(), c.label(), vs, ms,
                        -slope(m, 2, top + 1), -slope(v, 2, top + 1), cpu);
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Least-squares slope of log₂ y on ℓ over [from, to). */
    private static double slope(double[] y, int from, int to) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int k = 0;
        for (int l = from; l < to; l++) {
            double ly = log2(y[l]);
            sx += l;
            sy += ly;
            sxx += l * l;
            sxy += l * ly;
            k++;
        }
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }
}
