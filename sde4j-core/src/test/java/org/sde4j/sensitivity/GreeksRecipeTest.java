package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recipes of {@code sde4j greeks}: every Greek of a Black–Scholes call and digital within 4 standard errors of its
 * closed form for every applicable method; the closed forms themselves against independent central differences; the
 * Heston reference against an independent Fourier pricer; a recipe that went through serialisation gives the same
 * bits; bad input names the field.
 */
class GreeksRecipeTest {
    private static List<Greek> run(GreeksRecipe recipe) {
        return recipe.greeks(recipe.create().threads(2).run());
    }

    private static void within4(String what, List<Greek> greeks, double bias) {
        for (Greek g : greeks) {
            assertTrue(g.hasClosedForm(), what + " " + g.name());
            assertEquals(g.closedForm(), g.estimate(), 4 * g.standardError() + bias * Math.abs(g.closedForm()),
                    what + " " + g.name() + ": " + g.estimate() + " ± " + g.standardError() + ", closed form "
                            + g.closedForm());
        }
    }

    @Test
    void blackScholesCallGreeksByEveryMethodAndDigitalByLikelihoodRatio() {
        String gbm = "gbm:s0=100,r=0.03,sigma=0.25,T=1";
        for (String method : GreeksRecipe.METHODS) {
            List<Greek> g = run(new GreeksRecipe(gbm, "european-call:strike=105", method, "block", 8, 40_000, 11));
            within4(method, g, 0);
            assertEquals(method.equals("pathwise") ? 6 : 5, g.size(), method + ": price, delta, (gamma,) vega, rho, theta");
        }
        within4("lr digital", run(new GreeksRecipe(gbm, "digital-call:strike=105", "lr", "block", 8, 40_000, 12)), 0);
    }

    @Test
    void perPathAdjointsGiveTheBlockAdjointsGreeks() {
        GreeksRecipe block = new GreeksRecipe("gbm", "european-call", "adjoint", "block", 8, 3000, 5);
        List<Greek> reference = run(block);
        for (String adjoint : List.of("backpropagation", "checkpointed", "revolve", "ito", "stochastic", "reversible-heun")) {
            List<Greek> g = run(new GreeksRecipe("gbm", "european-call", "adjoint", adjoint, 8, 3000, 5));
            for (int k = 0; k < g.size(); k++) {
                // Euler–Maruyama is exact in log space and the diffusion is additive: every scheme takes the same steps.
                assertEquals(reference.get(k).estimate(), g.get(k).estimate(), 1e-9 * Math.abs(reference.get(k).estimate()),
                        adjoint + " " + g.get(k).name());
            }
        }
    }

    @Test
    void blackScholesClosedFormsAreTheDerivativesOfThePrice() {
        double s = 100;
        double k = 95;
        double r = 0.04;
        double sigma = 0.3;
        double t = 0.7;
        double h = 1e-5;
        for (boolean digital : new boolean[] {false, true}) {
            double[] c = GreeksClosedForms.blackScholes(s, k, r, sigma, t, digital);
            double[] bumps = {
                diff(x -> GreeksClosedForms.blackScholes(x, k, r, sigma, t, digital)[0], s, h * s),
                diff(x -> GreeksClosedForms.blackScholes(x, k, r, sigma, t, digital)[1], s, h * s),
                diff(x -> GreeksClosedForms.blackScholes(s, k, r, x, t, digital)[0], sigma, h),
                diff(x -> GreeksClosedForms.blackScholes(s, k, x, sigma, t, digital)[0], r, h),
                -diff(x -> GreeksClosedForms.blackScholes(s, k, r, sigma, x, digital)[0], t, h)};
            for (int j = 0; j < 5; j++) {
                assertEquals(bumps[j], c[j + 1], 1e-6 * Math.max(1, Math.abs(c[j + 1])), (digital ? "digital " : "call ")
                        + j);
            }
            assertEquals(digital ? Models.digital(s, k, r, sigma, t)[0] : Models.call(s, k, r, sigma, t)[0], c[0], 1e-12);
        }
    }

    private static double diff(java.util.function.DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    @Test
    void hestonReferenceAgreesWithAnIndependentFourierPricerAndTheEstimates() {
        double[] p = {1, 0.04, 0.03, 1.5, 0.04, 0.3, -0.7, 1};
        double[] c = GreeksClosedForms.heston(p, 1);
        double[] th = {0.03, 1.5, 0.04, 0.3, -0.7};
        assertEquals(Heston.call(1, 0.04, 1, 1, th), c[0], 1e-8);
        double[] up = th.clone();
        double[] down = th.clone();
        up[1] += 1e-4;
        down[1] -= 1e-4;
        assertEquals((Heston.call(1, 0.04, 1, 1, up) - Heston.call(1, 0.04, 1, 1, down)) / 2e-4, c[2], 1e-5, "dV/dkappa");
        // Euler with full truncation on 64 steps: 4 standard errors plus 3 % for its O(h) bias.
        within4("heston", run(new GreeksRecipe("heston:s0=100,v0=0.05", "european-call:strike=100", "adjoint", "block", 64,
                20_000, 3)),
                0.03);
    }

    @Test
    void aRecipeThatWasSerialisedGivesTheSameBits() throws Exception {
        GreeksRecipe recipe = new GreeksRecipe("heston:rho=-0.5", "european-call", "pathwise", "block", 16, 1000, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recipe);
        }
        GreeksRecipe back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (GreeksRecipe) in.readObject();
        }
        assertTrue(recipe.create().threads(1).run().sameBits(back.create().threads(2).run()));
    }

    @Test
    void badInputNamesTheField() {
        assertMessage("problem = 'cir'", () -> new GreeksRecipe("cir", "european-call", "pathwise", "block", 8, 10, 1));
        assertMessage("unknown parameter vol", () -> new GreeksRecipe("gbm:vol=1", "european-call", "pathwise", "block", 8,
                10, 1));
        assertMessage("rho = 1.0 must lie", () -> new GreeksRecipe("heston:rho=1", "european-call", "fd", "block", 8, 10,
                1));
        assertMessage("sigma = 'x' is not a number", () -> new GreeksRecipe("gbm:sigma=x", "european-call", "fd",
                "block", 8, 10, 1));
        assertMessage("strike = -1.0 must be positive", () -> new GreeksRecipe("gbm", "european-call:strike=-1", "fd",
                "block", 8, 10, 1));
        assertMessage("method = 'pathwise': the digital call is not differentiable", () -> new GreeksRecipe("gbm",
                "digital-call", "pathwise", "block", 8, 10, 1));
        assertMessage("method = 'lr': the likelihood ratio needs the Gaussian density", () ->
                new GreeksRecipe("heston", "european-call", "lr", "block", 8, 10, 1));
        assertMessage("adjoint = 'ito': heston", () -> new GreeksRecipe("heston", "european-call", "adjoint", "ito", 8,
                10, 1));
        assertMessage("adjoint = 'ito': applies to the adjoint method only", () -> new GreeksRecipe("gbm",
                "european-call", "fd", "ito", 8, 10, 1));
        assertMessage("paths = 1", () -> new GreeksRecipe("gbm", "european-call", "fd", "block", 8, 1, 1));
        assertMessage("steps = 0", () -> new GreeksRecipe("gbm", "european-call", "fd", "block", 0, 10, 1));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable e) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(m.startsWith(start) || m.contains(start), m);
    }
}
