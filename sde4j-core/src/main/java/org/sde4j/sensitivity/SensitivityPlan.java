package org.sde4j.sensitivity;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.random.RandomStreams;

/**
 * What each chunk of {@link Sensitivities} computes: its 256 paths' increments drawn from the stream keyed by
 * (seed, chunk) in the order step, component, path; the paths solved and differentiated by the chosen method; the
 * per-path value, gradient and Γ reduced to running moments. The fold merges the chunks' moments in chunk order, so
 * the result has the same bits for any number of threads and for merged shards.
 */
final class SensitivityPlan implements ChunkPlan<Moments, SensitivityResult> {
    /** Paths per chunk. */
    static final int CHUNK = 256;

    /** The settings, copied by {@link Sensitivities#plan()}. */
    record Settings(ParametricSde sde, double[] theta, double[] x0, Payoff payoff, TangentScheme scheme,
            double[] times, long paths, long seed, SensitivityMethod method, AdjointMethod adjoint,
            ParametricSde adjointSde, double bump, boolean gamma, double[] second, String[] names,
            RunningCost running, GeneralParametricSde general, boolean blockAdjoint, int window) {
    }

    private final Settings s;
    private final int d;
    private final int m;
    private final int p;
    private final int directions;
    private final int width;

    SensitivityPlan(Settings settings) {
        this.s = settings;
        this.d = s.general() != null ? s.general().stateDimension() : s.sde().stateDimension();
        this.m = s.general() != null ? s.general().noiseDimension() : d;
        this.p = s.general() != null ? s.general().parameterCount() : s.sde().parameterCount();
        this.directions = p + d;
        this.width = 1 + directions + (s.gamma() ? 1 : 0);
    }

    @Override
    public long chunkCount() {
        return (s.paths() + CHUNK - 1) / CHUNK;
    }

    @Override
    public String identity() {
        return "sensitivities of E " + s.payoff().name() + " by " + s.method().label() + " (" + label() + "), "
                + s.paths() + " paths in chunks of " + CHUNK + ", seed " + s.seed() + ", " + (s.times().length - 1)
                + " steps on [" + s.times()[0] + ", " + s.times()[s.times().length - 1] + "] (grid hash "
                + Arrays.hashCode(s.times()) + "), d = " + d + ", m = " + m
                + ", θ = " + Arrays.toString(s.theta()) + ", x0 = " + Arrays.toString(s.x0())
                + (s.method() == SensitivityMethod.FINITE_DIFFERENCE ? ", bump " + s.bump() : "")
                + (s.gamma() ? ", gamma" : "") + (s.running() == null ? "" : ", running cost")
                + (s.method() == SensitivityMethod.LIKELIHOOD_RATIO ? ", weights on the last " + s.window() + " steps" : "");
    }

    /** The scheme or backward pass, for reports. */
    private String label() {
        if (s.general() != null) {
            return s.method() == SensitivityMethod.ADJOINT ? "block reverse mode through euler-maruyama, general noise"
                    : "euler-maruyama, general noise";
        }
        if (s.blockAdjoint()) {
            return "block reverse mode through " + s.scheme().label();
        }
        return s.method() == SensitivityMethod.ADJOINT ? s.adjoint().label() : s.scheme().label();
    }

    @Override
    public Worker<Moments> newWorker() {
        return new ChunkWorker();
    }

    @Override
    public Fold<Moments, SensitivityResult> newFold() {
        return new Fold<>() {
            private final Moments total = new Moments(width);

            @Override
            public void add(long chunk, Moments part) {
                total.merge(part);
            }

            @Override
            public SensitivityResult result(double seconds) {
                double[] gradient = new double[directions];
                double[] error = new double[directions];
                for (int j = 0; j < directions; j++) {
                    gradient[j] = total.mean(1 + j);
                    error[j] = total.standardError(1 + j);
                }
                return new SensitivityResult(s.method().label() + " (" + label() + ")", s.names().clone(), total.mean(0), total.standardError(0), gradient,
                        error, s.gamma() ? total.mean(width - 1) : Double.NaN,
                        s.gamma() ? total.standardError(width - 1) : Double.NaN, total.count(), seconds);
            }
        };
    }

    /** One thread's scratch: the chunk's increments, a tangent block, per-path rows. */
    private final class ChunkWorker implements Worker<Moments> {
        private final int steps = s.times().length - 1;
        private final double[] dw = new double[steps * m * CHUNK];
        private final PathBlock block;
        private final double[][] rows = new double[CHUNK][width];
        private final double[] xs = new double[d];
        private final double[] dx = new double[d];
        private final double[] dTheta = new double[p];
        private final ReplayedPath replay;
        private final BlockAdjoint reverse;
        private final GeneralBlockAdjoint generalReverse;
        private final double[] runTheta = new double[p];
        private final double[] rTheta = new double[p];
        private final SolveGrid grid;

        ChunkWorker() {
            boolean tangents = s.method() == SensitivityMethod.PATHWISE || s.method() == SensitivityMethod.LIKELIHOOD_RATIO;
            this.block = s.method() == SensitivityMethod.ADJOINT ? null : s.general() != null
                    ? new GeneralTangentBlock(s.general(), CHUNK, tangents,
                            s.method() == SensitivityMethod.LIKELIHOOD_RATIO, s.running())
                    : new TangentBlock(s.sde(), s.scheme(), CHUNK, tangents,
                            s.method() == SensitivityMethod.LIKELIHOOD_RATIO, s.gamma(), s.running());
            this.replay = s.method() == SensitivityMethod.ADJOINT ? new ReplayedPath(s.times(), m, CHUNK) : null;
            this.reverse = s.blockAdjoint() ? new BlockAdjoint(s.sde(), s.scheme(), CHUNK, s.running()) : null;
            this.generalReverse = s.general() != null && s.method() == SensitivityMethod.ADJOINT
                    ? new GeneralBlockAdjoint(s.general(), CHUNK, s.running()) : null;
            this.grid = s.method() != SensitivityMethod.ADJOINT ? null : s.running() == null
                    ? SolveGrid.terminal(s.times()[0], s.times()[steps], steps)
                    : SolveGrid.savingEvery(s.times()[0], s.times()[steps], steps, 1);
        }

        @Override
        public Moments compute(long chunk) {
            long first = chunk * CHUNK;
            int count = (int) Math.min(CHUNK, s.paths() - first);
            ContinuousSampler normal = RandomStreams.gaussian(s.seed(), chunk);
            for (int n = 0; n < steps; n++) {
                double root = Math.sqrt(s.times()[n + 1] - s.times()[n]);
                for (int i = 0; i < m; i++) {
                    int base = (n * m + i) * CHUNK;
                    for (int q = 0; q < count; q++) {
                        dw[base + q] = root * normal.sample();
                    }
                }
            }
            switch (s.method()) {
                case PATHWISE -> pathwise(count);
                case LIKELIHOOD_RATIO -> likelihoodRatio(count);
                case ADJOINT -> adjoint(count);
                case FINITE_DIFFERENCE -> finiteDifferences(count);
                default -> throw new IllegalStateException(s.method().toString());
            }
            Moments part = new Moments(width);
            for (int q = 0; q < count; q++) {
                for (int k = 0; k < width; k++) {
                    if (!Double.isFinite(rows[q][k])) {
                        throw new IllegalStateException("path " + (first + q) + ": " + (k == 0 ? "the payoff "
                                + s.payoff().name() : k <= directions ? "its derivative in " + s.names()[k - 1] : "gamma")
                                + " is " + rows[q][k] + " (" + s.method().label() + ")");
                    }
                }
                part.add(rows[q]);
            }
            return part;
        }

        private double payoffAt(int q) {
            for (int i = 0; i < d; i++) {
                xs[i] = block.x()[i * CHUNK + q];
            }
            return s.payoff().evaluate(xs, s.theta(), dx, dTheta);
        }

        private void pathwise(int count) {
            block.solve(s.theta(), s.x0(), s.times(), dw, count, s.second());
            for (int q = 0; q < count; q++) {
                double[] row = rows[q];
                row[0] = payoffAt(q);
                for (int j = 0; j < directions; j++) {
                    double sum = j < p ? dTheta[j] : 0;
                    for (int i = 0; i < d; i++) {
                        sum += dx[i] * block.tangent()[(j * d + i) * CHUNK + q];
                    }
                    row[1 + j] = sum;
                }
                if (s.gamma()) {
                    row[width - 1] = dx[0] * block.tangent()[(p * d) * CHUNK + q] * ((TangentBlock) block).gammaFactor[q];
                }
                addRunning(q, row);
            }
        }

        /** Adds the running cost's sum and derivatives of path q, when there is one. */
        private void addRunning(int q, double[] row) {
            if (block.runValue() == null) {
                return;
            }
            row[0] += block.runValue()[q];
            for (int j = 0; j < directions; j++) {
                row[1 + j] += block.runGradient()[j * CHUNK + q];
            }
        }

        private void likelihoodRatio(int count) {
            int start = steps - s.window();
            double span = s.times()[steps] - s.times()[start];
            double[] lr;
            if (block instanceof GeneralTangentBlock general) {
                general.likelihoodRatioWindow(start);
                lr = general.lr;
            } else {
                ((TangentBlock) block).likelihoodRatioWindow(start);
                lr = ((TangentBlock) block).lr;
            }
            block.solve(s.theta(), s.x0(), s.times(), dw, count, null);
            for (int q = 0; q < count; q++) {
                double[] row = rows[q];
                double value = payoffAt(q);
                row[0] = value;
                for (int j = 0; j < directions; j++) {
                    row[1 + j] = value * lr[j * CHUNK + q] / span + (j < p ? dTheta[j] : 0);
                }
                addRunning(q, row);
            }
        }

        private void blockAdjoint(int count) {
            reverse.forward(s.theta(), s.x0(), s.times(), dw, count);
            for (int q = 0; q < count; q++) {
                for (int i = 0; i < d; i++) {
                    xs[i] = reverse.finalState(i, q, steps);
                }
                double[] row = rows[q];
                row[0] = s.payoff().evaluate(xs, s.theta(), dx, dTheta);
                for (int i = 0; i < d; i++) {
                    reverse.a[i * CHUNK + q] = dx[i];
                }
                System.arraycopy(dTheta, 0, row, 1, p);
            }
            reverse.backward(s.theta(), s.times(), dw, count);
            for (int q = 0; q < count; q++) {
                double[] row = rows[q];
                for (int j = 0; j < p; j++) {
                    row[1 + j] += reverse.gradTheta[j * CHUNK + q];
                }
                for (int i = 0; i < d; i++) {
                    row[1 + p + i] = reverse.a[i * CHUNK + q];
                }
                if (reverse.runValue != null) {
                    row[0] += reverse.runValue[q];
                }
            }
        }

        private void generalBlockAdjoint(int count) {
            generalReverse.forward(s.theta(), s.x0(), s.times(), dw, count);
            for (int q = 0; q < count; q++) {
                for (int i = 0; i < d; i++) {
                    xs[i] = generalReverse.finalState(i, q, steps);
                }
                double[] row = rows[q];
                row[0] = s.payoff().evaluate(xs, s.theta(), dx, dTheta);
                for (int i = 0; i < d; i++) {
                    generalReverse.a[i * CHUNK + q] = dx[i];
                }
                System.arraycopy(dTheta, 0, row, 1, p);
            }
            generalReverse.backward(s.theta(), s.times(), dw, count);
            for (int q = 0; q < count; q++) {
                double[] row = rows[q];
                for (int j = 0; j < p; j++) {
                    row[1 + j] += generalReverse.gradTheta[j * CHUNK + q];
                }
                for (int i = 0; i < d; i++) {
                    row[1 + p + i] = generalReverse.a[i * CHUNK + q];
                }
                if (generalReverse.runValue != null) {
                    row[0] += generalReverse.runValue[q];
                }
            }
        }

        private void adjoint(int count) {
            if (reverse != null) {
                blockAdjoint(count);
                return;
            }
            if (generalReverse != null) {
                generalBlockAdjoint(count);
                return;
            }
            PathLoss loss = s.running() == null
                    ? (states, gradients) -> s.payoff().evaluate(states[0], s.theta(), gradients[0], dTheta)
                    : this::pathLoss;
            for (int q = 0; q < count; q++) {
                replay.select(dw, q);
                SolveGradient r = s.general() != null
                        ? GeneralEulerBackpropagation.compute(s.general(), s.theta(), s.x0(), grid, replay, loss)
                        : s.adjoint().gradient().compute(s.adjointSde(), s.theta(), s.x0(), grid, replay, loss);
                double[] row = rows[q];
                row[0] = r.loss();
                for (int j = 0; j < p; j++) {
                    row[1 + j] = r.dTheta()[j] + dTheta[j] + (s.running() == null ? 0 : runTheta[j]);
                }
                for (int i = 0; i < d; i++) {
                    row[1 + p + i] = r.dX0()[i];
                }
            }
        }

        /**
         * φ(X_N) + Σ_n h_n r(t_n, X_n) on the states at every step, with the θ-derivative of the sum kept in runTheta
         * (a PathLoss gives state gradients only).
         */
        private double pathLoss(double[][] states, double[][] gradients) {
            int last = states.length - 1;
            double value = s.payoff().evaluate(states[last], s.theta(), dx, dTheta);
            java.util.Arrays.fill(runTheta, 0);
            for (int k = 0; k <= last; k++) {
                double h = s.times()[k + 1] - s.times()[k];
                double r = s.running().evaluate(s.times()[k + 1], states[k], s.theta(), gradients[k], rTheta);
                value += h * r;
                for (int i = 0; i < d; i++) {
                    gradients[k][i] *= h;
                }
                for (int j = 0; j < p; j++) {
                    runTheta[j] += h * rTheta[j];
                }
            }
            for (int i = 0; i < d; i++) {
                gradients[last][i] += dx[i];
            }
            return value;
        }

        private void finiteDifferences(int count) {
            double[] theta = s.theta().clone();
            double[] x0 = s.x0().clone();
            block.solve(theta, x0, s.times(), dw, count, null);
            for (int q = 0; q < count; q++) {
                rows[q][0] = payoff(q, theta);
            }
            for (int j = 0; j < directions; j++) {
                double[] u = j < p ? theta : x0;
                int e = j < p ? j : j - p;
                double centre = u[e];
                double step = s.bump() * Math.max(1, Math.abs(centre));
                double up = centre + step;
                double down = centre - step;
                u[e] = up;
                block.solve(theta, x0, s.times(), dw, count, null);
                for (int q = 0; q < count; q++) {
                    rows[q][1 + j] = payoff(q, theta);
                }
                u[e] = down;
                block.solve(theta, x0, s.times(), dw, count, null);
                for (int q = 0; q < count; q++) {
                    rows[q][1 + j] = (rows[q][1 + j] - payoff(q, theta)) / (up - down);
                }
                u[e] = centre;
            }
        }

        /** φ plus the running cost's sum of path q, as computed by the last plain solve. */
        private double payoff(int q, double[] theta) {
            for (int i = 0; i < d; i++) {
                xs[i] = block.x()[i * CHUNK + q];
            }
            return s.payoff().evaluate(xs, theta, dx, dTheta) + (block.runValue() == null ? 0 : block.runValue()[q]);
        }
    }
}
