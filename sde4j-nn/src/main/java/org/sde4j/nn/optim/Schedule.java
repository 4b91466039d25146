package org.sde4j.nn.optim;

/**
 * A learning-rate (and momentum) schedule over optimizer steps {@code s = 0, 1, …, total − 1}.
 *
 * <ul>
 *   <li>{@link #step}: {@code η_s = η0 γ^⌊s / every⌋}.</li>
 *   <li>{@link #cosine}: linear warm-up from {@code η0 / warmup} to {@code η0} over the first {@code warmup}
 *       steps, then {@code η_s = ηmin + (η0 − ηmin)(1 + cos(π u)) / 2} with u the fraction of the remaining
 *       steps done (Loshchilov &amp; Hutter 2017, without restarts).</li>
 *   <li>{@link #oneCycle}: Smith &amp; Topin (2017) as in PyTorch's {@code OneCycleLR} defaults: cosine
 *       from {@code ηmax/25} up to {@code ηmax} over the first 30 % of the steps, then cosine down to
 *       {@code ηmax/25/10⁴}; momentum moves the opposite way between 0.95 and 0.85.</li>
 * </ul>
 */
public interface Schedule {
    /** The learning rate at step {@code s}. */
    double lr(long s);

    /** The momentum (or Adam's β1) at step {@code s}, given the optimizer's base momentum. */
    default double momentum(long s, double base) {
        return base;
    }

    /** A constant rate. */
    static Schedule constant(double lr) {
        positive("lr", lr);
        return s -> lr;
    }

    /** Step decay: {@code lr · gamma^⌊s / every⌋}. */
    static Schedule step(double lr, double gamma, long every) {
        positive("lr", lr);
        positive("gamma", gamma);
        if (every < 1) {
            throw new IllegalArgumentException("every = " + every + ": must be at least 1 step");
        }
        return s -> lr * Math.pow(gamma, s / every);
    }

    /** Linear warm-up over {@code warmup} steps, then cosine decay to {@code minLr} at step {@code total − 1}. */
    static Schedule cosine(double lr, double minLr, long warmup, long total) {
        positive("lr", lr);
        if (!(minLr >= 0 && minLr <= lr)) {
            throw new IllegalArgumentException("minLr = " + minLr + ": must be in [0, lr = " + lr + "]");
        }
        if (warmup < 0 || total <= warmup) {
            throw new IllegalArgumentException("warmup = " + warmup + ", total = " + total
                    + ": need 0 ≤ warmup < total");
        }
        return s -> {
            if (s < warmup) {
                return lr * (s + 1) / warmup;
            }
            long span = Math.max(1, total - 1 - warmup);
            double u = Math.min(1.0, (double) (s - warmup) / span);
            return minLr + (lr - minLr) * (1 + Math.cos(Math.PI * u)) / 2;
        };
    }

    /** One-cycle over {@code total} steps with peak {@code maxLr} (PyTorch {@code OneCycleLR} defaults). */
    static Schedule oneCycle(double maxLr, long total) {
        positive("maxLr", maxLr);
        if (total < 2) {
            throw new IllegalArgumentException("total = " + total + ": must be at least 2 steps");
        }
        return new OneCycle(maxLr, total);
    }

    private static void positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " = " + value + ": must be positive and finite");
        }
    }
}
