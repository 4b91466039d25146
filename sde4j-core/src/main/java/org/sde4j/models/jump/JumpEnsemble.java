package org.sde4j.models.jump;

import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.sde.Require;

/**
 * An ensemble of a jump diffusion on the chunked runner: each path is solved on its jump-adapted grid
 * ({@link JumpStepper}) and reduced to a few values (the final state by default, or a payoff), whose means and
 * standard errors are returned. Path p depends only on {@code (seed, p)}, so the result is bit-identical for any
 * thread count and for merged shards.
 *
 * <p>This is a per-path engine: the block engine of {@code org.sde4j.solver} steps all paths of a block on one
 * shared grid, while here each path has its own grid (its jump times), so paths cannot share a step.
 *
 * <pre>{@code
 * PathAverages r = JumpEnsemble.of(merton.jumpDiffusion(1.0), JumpScheme.MILSTEIN).steps(64).paths(100_000)
 *         .values((x, out) -> out[0] = Math.max(x[0] - 100, 0), "payoff").seed(7).threads(2).run();
 * }</pre>
 */
public final class JumpEnsemble implements MonteCarloJob<PathAverages> {
    private final JumpDiffusion model;
    private final JumpScheme scheme;
    private int steps = 64;
    private long paths = 10_000;
    private long seed = 1;
    private int threads = 1;
    private Observable observable;
    private String[] names;

    /** Values of a path from its final state. */
    @FunctionalInterface
    public interface Observable {
        /**
         * @param x   the final state, length d (not modified)
         * @param out the path's values (overwritten)
         */
        void values(double[] x, double[] out);
    }

    private JumpEnsemble(JumpDiffusion model, JumpScheme scheme) {
        this.model = model;
        this.scheme = scheme;
        int d = model.dimension();
        this.names = new String[d];
        for (int i = 0; i < d; i++) {
            names[i] = "x" + i;
        }
        this.observable = (x, out) -> System.arraycopy(x, 0, out, 0, d);
    }

    /** @throws IllegalArgumentException when the scheme cannot solve the model */
    public static JumpEnsemble of(JumpDiffusion model, JumpScheme scheme) {
        Require.nonNull("model", model);
        Require.nonNull("scheme", scheme);
        new JumpStepper(model, scheme);
        return new JumpEnsemble(model, scheme);
    }

    /** Regular steps on [t0, t1] (the jump times are added). */
    public JumpEnsemble steps(int count) {
        this.steps = Require.positive("steps", count);
        return this;
    }

    public JumpEnsemble paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    public JumpEnsemble seed(long value) {
        this.seed = value;
        return this;
    }

    @Override
    public JumpEnsemble threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** What each path contributes (default: its final state). */
    public JumpEnsemble values(Observable values, String... valueNames) {
        Require.nonNull("values", values);
        if (valueNames.length == 0) {
            throw new IllegalArgumentException("valueNames: at least one value is needed, got none");
        }
        this.observable = values;
        this.names = valueNames.clone();
        return this;
    }

    /** The underlying job of per-path values. */
    public PathAverageJob job() {
        JumpDiffusion m = model;
        JumpScheme s = scheme;
        int n = steps;
        Observable obs = observable;
        return PathAverageJob.of("jump ensemble " + model + ", " + scheme.label() + ", " + steps + " steps", () -> {
            JumpStepper stepper = new JumpStepper(m, s);
            double[] x = new double[m.dimension()];
            return (sd, path, out) -> {
                stepper.solve(n, sd, path, x);
                obs.values(x, out);
            };
        }, names).paths(paths).seed(seed).threads(threads);
    }

    @Override
    public ChunkPlan<?, PathAverages> plan() {
        return job().plan();
    }

    @Override
    public PathAverages run() {
        return job().run();
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return job().runChunks(fromChunk, toChunk);
    }
}
