package org.sde4j.models;

import static org.sde4j.models.ModelCases.PRICE_KEYS;
import static org.sde4j.models.ModelCases.checked;
import static org.sde4j.models.ModelCases.g;
import static org.sde4j.models.ModelCases.keys;

import java.util.List;
import java.util.Set;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;

/**
 * The barrier cases {@code down-and-out} and {@code up-and-out}: knock-out calls under GBM by Euler with naive or
 * Brownian-bridge monitoring, against the continuous closed forms (Merton 1973; Reiner–Rubinstein 1991).
 */
final class BarrierCases {
    private BarrierCases() {
    }

    static ModelCase barrier(SpecText m, SpecText b, SpecText jumps) {
        if (jumps != null) {
            throw b.refuse("a barrier applies to gbm without --jumps: the closed forms are for geometric Brownian"
                    + " motion");
        }
        String kind = b.name();
        if (!kind.equals("down-and-out") && !kind.equals("up-and-out")) {
            throw b.refuse("unknown barrier; the barriers are down-and-out:level=H and up-and-out:level=H"
                    + " (with monitoring=bridge or naive)");
        }
        boolean down = kind.equals("down-and-out");
        if (b == m) {
            m.onlyKeys(keys(PRICE_KEYS, "sigma", "level", "monitoring"));
        } else {
            m.onlyKeys(keys(PRICE_KEYS, "sigma"));
            b.onlyKeys(Set.of("level", "monitoring"));
        }
        double s0 = m.number("s0", 100);
        double r = m.number("r", 0.05);
        double sigma = m.number("sigma", down ? 0.3 : 0.2);
        double k = m.number("strike", 100);
        double t = m.number("t", 1);
        int steps = m.count("steps", 64);
        double level = b.number("level", down ? 90 : 130);
        boolean bridge = b.word("monitoring", "bridge", List.of("bridge", "naive")).equals("bridge");
        if (down ? !(level < s0) : !(level > s0)) {
            throw b.refuse("level = " + g(level) + ": " + (down ? "a down-and-out barrier must lie below s0 = "
                    : "an up-and-out barrier must lie above s0 = ") + g(s0));
        }
        double reference = checked(m, () -> down ? BarrierFormulas.downAndOutCall(s0, k, level, r, 0, sigma, t)
                : BarrierFormulas.upAndOutCall(s0, k, level, r, 0, sigma, t));
        double discount = Math.exp(-r * t);
        String d = (down ? "Down" : "Up") + "-and-out call, GBM S0 " + g(s0) + ", K " + g(k) + ", H " + g(level)
                + ", r " + g(r) + ", σ " + g(sigma) + ", T " + g(t) + ": Euler, " + steps + " steps, "
                + (bridge ? "Brownian-bridge" : "naive (grid-point)") + " monitoring";
        String quantity = bridge ? "call (bridge-monitored)" : "call (naive monitoring)";
        return new ModelCase(kind, d, quantity, reference, 0, "Merton (1973), Reiner–Rubinstein (1991)", bridge ? 1 : 0,
                n -> {
            BarrierStudy study = BarrierStudy.of((u, x) -> r * x, (u, x) -> sigma * x, s0, t);
            study = down ? study.lower(level) : study.upper(level);
            return study.payoff(x -> discount * Math.max(x - k, 0)).steps(steps).paths(n).job();
        });
    }
}
