package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sde4j greeks} end to end: every Black–Scholes Greek within 4 standard errors of its closed form by each
 * method, the method and calculus named, {@code --json} with the same bits for any thread count, a model without a
 * closed form says so in words (no NaN), and bad input is one line naming the option, exit 2.
 */
class GreeksCommandTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("greeks", "--json"));
        args.addAll(List.of(extra));
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return JsonReader.object(r.out().strip());
    }

    @SuppressWarnings("unchecked")
    private static void withinFourErrors(Map<String, Object> o, int expected) {
        Map<String, Object> greeks = (Map<String, Object>) o.get("greeks");
        assertEquals(expected, greeks.size(), greeks.keySet().toString());
        for (Map.Entry<String, Object> e : greeks.entrySet()) {
            Map<String, Object> g = (Map<String, Object>) e.getValue();
            double estimate = ((Number) g.get("estimate")).doubleValue();
            double error = ((Number) g.get("standardError")).doubleValue();
            double closed = ((Number) g.get("closedForm")).doubleValue();
            assertEquals(closed, estimate, 4 * error, o.get("method") + " " + e.getKey());
        }
    }

    @Test
    void blackScholesGreeksByEveryMethod() {
        for (String method : List.of("pathwise", "adjoint", "lr", "fd")) {
            Map<String, Object> o = json("--problem", "gbm:s0=100,r=0.03,sigma=0.25", "--functional",
                    "european-call:strike=105", "--method", method, "--paths", "20000", "--steps", "4", "--seed", "7",
                    "--threads", "2");
            withinFourErrors(o, method.equals("pathwise") ? 6 : 5);
            assertEquals("Itô", o.get("calculus"));
        }
        withinFourErrors(json("--problem", "gbm", "--functional", "digital-call:strike=1.1", "--method", "lr",
                "--paths", "20000", "--steps", "4", "--seed", "8"), 5);
    }

    @Test
    void jsonHasTheSameBitsForAnyThreadCount() {
        Map<String, Object> one = json("--problem", "heston", "--method", "adjoint", "--paths", "600", "--steps", "8",
                "--threads", "1");
        Map<String, Object> two = json("--problem", "heston", "--method", "adjoint", "--paths", "600", "--steps", "8",
                "--threads", "2");
        for (Map<String, Object> o : List.of(one, two)) {
            o.remove("seconds");
            o.remove("threads");
        }
        assertEquals(one.toString(), two.toString());
        assertTrue(one.get("methodLabel").toString().contains("general noise"), one.toString());
    }

    @Test
    void sparkPrintsTheSameNumbersPlusPartitions() {
        String[] args = {"--problem", "gbm", "--method", "pathwise", "--paths", "2000", "--steps", "4", "--threads", "1"};
        Map<String, Object> local = json(args);
        List<String> spark = new java.util.ArrayList<>(List.of(args));
        spark.addAll(List.of("--spark", "local[2]", "--partitions", "3"));
        Map<String, Object> distributed = json(spark.toArray(String[]::new));
        assertEquals(3, ((Number) distributed.remove("partitions")).intValue());
        for (Map<String, Object> o : List.of(local, distributed)) {
            o.remove("seconds");
        }
        assertEquals(local.toString(), distributed.toString());
    }

    @Test
    void summaryNamesTheMethodAndCalculusAndSaysWhenThereIsNoClosedForm() {
        MainTest.Run r = MainTest.run("greeks", "--problem", "gbm", "--method", "adjoint", "--adjoint", "stochastic",
                "--paths", "500", "--steps", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("method    pathwise adjoint (stochastic adjoint)"), r.out());
        assertTrue(r.out().contains("reads it as Stratonovich: converted"), r.out());
        assertTrue(r.out().contains("gamma     by the pathwise method only"), r.out());
        MainTest.Run none = MainTest.run("greeks", "--problem", "heston", "--functional", "digital-call", "--method",
                "fd", "--paths", "500", "--steps", "4");
        assertEquals(0, none.code(), none.err());
        assertTrue(none.out().contains("closed    none known"), none.out());
        assertFalse(none.out().contains("NaN"), none.out());
    }

    @Test
    void badInputIsOneLineNamingTheOption() {
        String[][] cases = {
            {"--problem", "cir"}, {"--problem", "gbm:sigma=-1"}, {"--problem", "gbm", "--functional", "put"},
            {"--problem", "gbm", "--method", "aad"}, {"--problem", "gbm", "--adjoint", "ito"},
            {"--problem", "heston", "--method", "lr"}, {"--problem", "gbm", "--functional", "digital-call",
                "--method", "adjoint"}, {"--problem", "gbm", "--paths", "1"}, {"--problem", "gbm", "--steps", "-3"},
            {"--problem", "gbm", "--steps", "100000000"}, {"--problem", "gbm", "--partitions", "2"}};
        String[] options = {"--problem", "--problem", "--functional", "--method", "--adjoint", "--method", "--method",
            "--paths", "--steps", "--steps", "--partitions"};
        for (int k = 0; k < cases.length; k++) {
            List<String> args = new java.util.ArrayList<>(List.of("greeks"));
            args.addAll(List.of(cases[k]));
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            String what = String.join(" ", args) + "\n" + r.err();
            assertEquals(Main.USAGE_ERROR, r.code(), what);
            assertEquals(1, r.errLines().size(), what);
            assertTrue(r.err().contains(options[k]), what);
            assertFalse(r.err().contains("\tat "), what);
        }
    }
}
