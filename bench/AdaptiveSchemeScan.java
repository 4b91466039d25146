import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Every registered scheme, stepped adaptively on GBM (its Stratonovich form for the Stratonovich schemes): the mean at
 * T = 1 against the exact one, in standard errors, with the accepted steps per path — or why the scheme is refused.
 * A check that the refusal of strong order below 1 (docs/adaptive.md) lets through only schemes whose adaptive means
 * are right.
 *
 * <pre>
 *   java -cp sde4j-core/target/classes:$(cat cp.txt) bench/AdaptiveSchemeScan.java [tolerance] [paths] [seed]
 * </pre>
 */
public class AdaptiveSchemeScan {
    public static void main(String[] args) {
        double tol = args.length > 0 ? Double.parseDouble(args[0]) : 1e-2;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 9;
        TestProblem gbm = Problems.byName("gbm");
        double exact = gbm.exactMean(1.0).get()[0];
        SdeProblem ito = gbm.problem();
        SdeProblem stratonovich = SdeProblem.of(ito.sde().convertedTo(Calculus.STRATONOVICH), 0.5, 0, 1);
        for (Scheme s : Schemes.all()) {
            SdeProblem p = s.calculus() == Calculus.ITO ? ito : stratonovich;
            try {
                var r = AdaptiveEnsemble.of(p, s).tolerances(tol, tol).paths(paths).seed(seed).threads(1).run();
                double se = r.statistics().standardError()[0];
                System.out.printf("%-24s %-12s mean %.5f ± %.5f, %+.2f standard errors, %.1f steps per path%n",
                        s.name(), s.calculus(), r.mean()[0], se, (r.mean()[0] - exact) / se, r.steps().meanAccepted());
            } catch (RuntimeException e) {
                System.out.printf("%-24s refused: %s%n", s.name(), e.getMessage());
            }
        }
    }
}
