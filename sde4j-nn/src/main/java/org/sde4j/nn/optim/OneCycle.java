package org.sde4j.nn.optim;

/**
 * The one-cycle schedule of {@link Schedule#oneCycle}: two cosine phases meeting at step
 * {@code 0.3 · total − 1}, with PyTorch's defaults (initial = max / 25, final = initial / 10⁴, momentum
 * 0.95 → 0.85 → 0.95).
 */
final class OneCycle implements Schedule {
    private static final double PCT_START = 0.3;
    private static final double DIV = 25;
    private static final double FINAL_DIV = 1e4;
    private static final double MAX_MOMENTUM = 0.95;
    private static final double BASE_MOMENTUM = 0.85;
    private final double maxLr;
    private final double peak;
    private final double end;

    OneCycle(double maxLr, long total) {
        this.maxLr = maxLr;
        this.peak = PCT_START * total - 1;
        this.end = total - 1;
    }

    private static double anneal(double from, double to, double pct) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    private double pct(long s, boolean rising) {
        return rising ? s / peak : (s - peak) / (end - peak);
    }

    @Override
    public double lr(long s) {
        double initial = maxLr / DIV;
        boolean rising = s <= peak;
        double p = Math.min(1, pct(s, rising));
        return rising ? anneal(initial, maxLr, p) : anneal(maxLr, initial / FINAL_DIV, p);
    }

    @Override
    public double momentum(long s, double base) {
        boolean rising = s <= peak;
        double p = Math.min(1, pct(s, rising));
        return rising ? anneal(MAX_MOMENTUM, BASE_MOMENTUM, p) : anneal(BASE_MOMENTUM, MAX_MOMENTUM, p);
    }
}
