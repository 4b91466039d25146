package org.sde4j.models.jump;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.error.OrderFit;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.sde.Require;

/**
 * A strong and weak error study of a jump-adapted scheme, on the chunked runner. For each path: its candidate jumps
 * are drawn once; its Brownian path is drawn once on the finest grid (the regular grid of N_max steps merged with the
 * jump times), interval by interval in time order; every level N (a divisor of N_max) then solves on its own
 * jump-adapted grid — the regular points of N steps and the same jump times — with the increments of that one
 * Brownian path summed over its intervals. The reference is the {@link ExactSolution} given the jumps and W(t1), or
 * the scheme at N_max steps.
 *
 * <p>Each path contributes, per level, |X_N − X_ref| and X_N,0 − X_ref,0; the job averages them with standard
 * errors (a {@link PathAverageJob}, so the same bits for any thread count).
 */
public final class JumpStudy implements MonteCarloJob<JumpStudyResult> {
    private final JumpDiffusion model;
    private final JumpScheme scheme;
    private final int[] steps;
    private ExactSolution exact;
    private int referenceSteps;
    private long paths = 10_000;
    private long seed = 1;
    private int threads = 1;

    private JumpStudy(JumpDiffusion model, JumpScheme scheme, int[] steps) {
        this.model = model;
        this.scheme = scheme;
        this.steps = steps;
    }

    /**
     * @param steps the levels' regular step counts, increasing, positive
     * @throws IllegalArgumentException when the steps are not positive and increasing, or the scheme cannot solve
     */
    public static JumpStudy of(JumpDiffusion model, JumpScheme scheme, int... steps) {
        Require.nonNull("model", model);
        Require.nonNull("scheme", scheme);
        scheme.check(model.sde());
        if (steps.length < 2) {
            throw new IllegalArgumentException("steps = " + Arrays.toString(steps) + ": a study needs at least 2 levels");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 1 || (i > 0 && steps[i] <= steps[i - 1])) {
                throw new IllegalArgumentException("steps = " + Arrays.toString(steps)
                        + ": must be positive and increasing");
            }
        }
        return new JumpStudy(model, scheme, steps.clone());
    }

    /**
     * The exact solution given the jumps, as the reference.
     *
     * @throws IllegalArgumentException when the model thins its jumps (its kept jumps depend on the path)
     */
    public JumpStudy exact(ExactSolution solution) {
        Require.nonNull("solution", solution);
        if (model.thinned()) {
            throw new IllegalArgumentException("exact: a model with a state-dependent intensity has no exact solution"
                    + " given its candidate jumps; use referenceSteps(N)");
        }
        this.exact = solution;
        return this;
    }

    /** The scheme at N steps as the reference; N must be a multiple of every level's steps. */
    public JumpStudy referenceSteps(int n) {
        for (int s : steps) {
            if (n <= s || n % s != 0) {
                throw new IllegalArgumentException("referenceSteps = " + n + ": must be a multiple of, and larger than,"
                        + " every level's steps " + Arrays.toString(steps));
            }
        }
        this.referenceSteps = n;
        return this;
    }

    public JumpStudy paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    public JumpStudy seed(long value) {
        this.seed = value;
        return this;
    }

    @Override
    public JumpStudy threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    private PathAverageJob job() {
        if (exact == null && referenceSteps == 0) {
            throw new IllegalArgumentException("reference: set exact(...) or referenceSteps(N)");
        }
        int finest = exact != null ? steps[steps.length - 1] : referenceSteps;
        for (int s : steps) {
            if (finest % s != 0) {
                throw new IllegalArgumentException("steps = " + Arrays.toString(steps) + ": each level must divide the"
                        + " finest, " + finest);
            }
        }
        String[] names = new String[2 * steps.length];
        for (int i = 0; i < steps.length; i++) {
            names[i] = "strong" + steps[i];
            names[steps.length + i] = "weak" + steps[i];
        }
        JumpDiffusion m = model;
        JumpScheme s = scheme;
        int[] levels = steps.clone();
        ExactSolution ex = exact;
        return PathAverageJob.of("jump study " + model + ", " + scheme.label() + ", steps " + Arrays.toString(steps)
                + (ex != null ? ", exact" : ", reference " + finest), () -> new Worker(m, s, levels, finest, ex), names)
                .paths(paths).seed(seed).threads(threads);
    }

    private JumpStudyResult result(PathAverages a) {
        int n = steps.length;
        double[] h = new double[n];
        double[] strong = new double[n];
        double[] strongSe = new double[n];
        double[] weak = new double[n];
        double[] weakSe = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = (model.t1() - model.t0()) / steps[i];
            strong[i] = a.mean(i);
            strongSe[i] = a.standardError(i);
            weak[i] = a.mean(n + i);
            weakSe[i] = a.standardError(n + i);
        }
        double order = OrderFit.leastSquaresSlope(h, strong);
        return new JumpStudyResult(steps.clone(), h, strong, strongSe, weak, weakSe, order, a.paths(), a.seconds());
    }

    @Override
    public ChunkPlan<?, JumpStudyResult> plan() {
        ChunkPlan<org.sde4j.ensemble.RunningStatistics, PathAverages> inner = job().plan();
        return new ChunkPlan<org.sde4j.ensemble.RunningStatistics, JumpStudyResult>() {
            @Override
            public long chunkCount() {
                return inner.chunkCount();
            }

            @Override
            public String identity() {
                return inner.identity();
            }

            @Override
            public Worker<org.sde4j.ensemble.RunningStatistics> newWorker() {
                return inner.newWorker();
            }

            @Override
            public Fold<org.sde4j.ensemble.RunningStatistics, JumpStudyResult> newFold() {
                Fold<org.sde4j.ensemble.RunningStatistics, PathAverages> f = inner.newFold();
                return new Fold<>() {
                    @Override
                    public void add(long chunk, org.sde4j.ensemble.RunningStatistics part) {
                        f.add(chunk, part);
                    }

                    @Override
                    public JumpStudyResult result(double seconds) {
                        return JumpStudy.this.result(f.result(seconds));
                    }
                };
            }
        };
    }

    @Override
    public JumpStudyResult run() {
        return result(job().run());
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return job().runChunks(fromChunk, toChunk);
    }

    /** One thread's scratch: the finest grid of a path and its Brownian values. */
    private static final class Worker implements org.sde4j.models.mc.PathFunctional.Evaluator {
        private final JumpDiffusion model;
        private final JumpStepper stepper;
        private final int[] levels;
        private final int finest;
        private final ExactSolution exact;
        private final int d;
        private final int m;
        private double[] times = new double[0];
        /** Regular index of a grid point, or −1 − k for candidate jump k. */
        private int[] kind = new int[0];
        private double[] w = new double[0];
        private final double[] x;
        private final double[] ref;
        private final double[] dw;
        private final double[] wEnd;

        Worker(JumpDiffusion model, JumpScheme scheme, int[] levels, int finest, ExactSolution exact) {
            this.model = model;
            this.stepper = new JumpStepper(model, scheme);
            this.levels = levels;
            this.finest = finest;
            this.exact = exact;
            this.d = model.dimension();
            this.m = model.sde().noiseDimension();
            this.x = new double[d];
            this.ref = new double[d];
            this.dw = new double[m];
            this.wEnd = new double[m];
        }

        @Override
        public void evaluate(long seed, long path, double[] out) {
            JumpSchedule jumps = stepper.schedule();
            jumps.sample(model, seed, path);
            int points = buildGrid(jumps);
            ContinuousSampler gaussian = stepper.gaussian(seed, path);
            for (int i = 0; i < m; i++) {
                w[i] = 0;
            }
            for (int p = 1; p < points; p++) {
                double sq = Math.sqrt(times[p] - times[p - 1]);
                for (int i = 0; i < m; i++) {
                    w[p * m + i] = w[(p - 1) * m + i] + sq * gaussian.sample();
                }
            }
            if (exact != null) {
                System.arraycopy(w, (points - 1) * m, wEnd, 0, m);
                exact.value(model.x0(), wEnd, jumps, ref);
            } else {
                solveLevel(finest, points, jumps, ref);
            }
            int n = levels.length;
            for (int l = 0; l < n; l++) {
                solveLevel(levels[l], points, jumps, x);
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    double e = x[i] - ref[i];
                    sum += e * e;
                }
                out[l] = Math.sqrt(sum);
                out[n + l] = x[0] - ref[0];
            }
        }

        /** Merges the regular grid of {@code finest} steps with the jump times; returns the number of points. */
        private int buildGrid(JumpSchedule jumps) {
            int count = jumps.count();
            int points = finest + 1 + count;
            if (times.length < points) {
                times = new double[points];
                kind = new int[points];
                w = new double[points * m];
            }
            double t0 = model.t0();
            double span = model.t1() - t0;
            int k = 0;
            int j = 0;
            for (int p = 0; p < points; p++) {
                double grid = k >= finest ? model.t1() : t0 + span * k / finest;
                if (k <= finest && (j >= count || grid <= jumps.time(j))) {
                    times[p] = grid;
                    kind[p] = k++;
                } else {
                    times[p] = jumps.time(j);
                    kind[p] = -1 - j++;
                }
            }
            return points;
        }

        private void solveLevel(int n, int points, JumpSchedule jumps, double[] state) {
            int stride = finest / n;
            System.arraycopy(model.x0(), 0, state, 0, d);
            int prev = 0;
            for (int p = 1; p < points; p++) {
                boolean jump = kind[p] < 0;
                if (!jump && kind[p] % stride != 0) {
                    continue;
                }
                double dt = times[p] - times[prev];
                for (int i = 0; i < m; i++) {
                    dw[i] = w[p * m + i] - w[prev * m + i];
                }
                if (dt > 0) {
                    stepper.diffuse(times[prev], state, dt, dw);
                }
                if (jump) {
                    stepper.jump(-1 - kind[p], times[p], state);
                }
                prev = p;
            }
        }
    }
}
