package org.sde4j.brownian;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * The on-demand Brownian paths of a block of lanes, one path per lane, stored structure-of-arrays: the paths a
 * block-adaptive ensemble steps on. Each lane's path is the one {@link OnDemandBrownianPath} describes — the same
 * law, the same normals from the same {@link KeyedStream} keyed by {@code (seed, path)}, the same arithmetic, so the
 * same bits (an {@code OnDemandBrownianPath} is one lane of this class) — but a query is asked of many lanes at once
 * ({@link #values}), and the work is laid out for that:
 *
 * <ol>
 *   <li>per lane, the search of its kept points and the choice of the gap the new point falls in (one comparison in
 *       the common case of a solver's next step end, a short scan otherwise) and the slot opened for it — the scalar
 *       part;</li>
 *   <li>channel by channel, over all pending bridges at once: the neighbours' values, the normals from each lane's
 *       stream, then the Brownian bridges in short loops without branches that the JIT turns into vector
 *       instructions (four lanes' roots and divisions in one instruction);</li>
 *   <li>the new points written back to the lanes' stacks.</li>
 * </ol>
 *
 * <p>The law's arithmetic, for many bridges at once or for one, lives in {@link BridgeBatch}. Loops run over the
 * lanes (or bridges) innermost and over the m channels outside: a loop over one or two
 * channels per lane costs more in set-up than its body. A lane's path can move to another lane ({@link #moveLane}),
 * as a block-adaptive solver keeps its active lanes together.
 *
 * <p>Layout: a lane's kept points form a stack, nearest on top (slot {@code count − 1}), the farthest in slot 0; slot
 * s of lane l keeps its time at {@code times[s · lanes + l]} and W of channel j at {@code ws[(s · m + j) · lanes +
 * l]} (K likewise), so the top slots of all lanes — the ones a solver touches — lie together in memory. The base
 * (the earliest point kept, where the lane's solver stands) is {@code baseTime[l]}, {@code baseW[j · lanes + l]}.
 *
 * <p>Formulas ({@link OnDemandBrownianPath} derives them): a point at {@code x = a + rΔ} ({@code q = 1 − r}) between
 * kept points a and b with increment W and Lévy area H has increment W₁ and Lévy area H₁ from a with
 * {@code W₁ = r W + 6 r q H + σ_W Z₁}, {@code H₁ = r² H + λ Z₁ + σ_H Z₂}, {@code σ_W = √(Δ r q (1 − 3rq))},
 * {@code λ = −r² σ_W / (2(1 − 3rq))}, {@code σ_H² = Δ (r (1 − r³)/12 − q r⁵ / (4(1 − 3rq)))}; without Lévy area
 * {@code W₁ = r W + √(Δ r q) Z}; forward from the farthest point, {@code W₁ = √Δ Z₁}, {@code H₁ = √(Δ/12) Z₂}.
 *
 * <p>Thread-confined; allocation-free once its store has grown to the most points a lane keeps at once.
 */
public final class LaneBrownianPaths {
    /** The stream's second key word, after (seed, path): keeps these normals apart from other streams of the seed. */
    private static final long STREAM = 0x4f6e44656d616e64L;
    /** Fewer pending bridges than this are formed one by one ({@link #completeOne}), more in vectorised loops. */
    private static final int FEW = 8;

    private final int lanes;
    private final int m;
    private final boolean levy;
    private final long seed;
    private final KeyedStream[] streams;
    private final ContinuousSampler[] normals;
    private final double[] baseTime;
    private final double[] baseW;
    private final double[] baseK;
    private final int[] count;
    /** Slots per lane the store holds. */
    private int capacity;
    private double[] times;
    private double[] ws;
    private double[] ks;
    // The pending bridges of one call of values (index b), dense: the lane, the query's index, the slot opened.
    private final int[] bridgeLane;
    private final int[] bridgeQuery;
    private final int[] bridgeSlot;
    /** The slot of the pending bridge's left neighbour, or −1 for the base. */
    private final int[] bridgeLeft;
    /** Per lane, the slot that became its base in the last batched {@link #forgetBefore}, or −1. */
    private final int[] newBase;
    /** The pending bridges' times, neighbours' values, normals and new values, and their law. */
    private final BridgeBatch batch;

    private LaneBrownianPaths(int lanes, int m, boolean levy, long seed) {
        this.lanes = lanes;
        this.m = m;
        this.levy = levy;
        this.seed = seed;
        this.streams = new KeyedStream[lanes];
        this.normals = new ContinuousSampler[lanes];
        for (int l = 0; l < lanes; l++) {
            streams[l] = new KeyedStream();
            normals[l] = streams[l].gaussian();
        }
        this.baseTime = new double[lanes];
        this.baseW = new double[m * lanes];
        this.baseK = new double[m * lanes];
        this.count = new int[lanes];
        this.capacity = 4;
        this.times = new double[capacity * lanes];
        this.ws = new double[capacity * m * lanes];
        this.ks = levy ? new double[capacity * m * lanes] : null;
        this.bridgeLane = new int[lanes];
        this.bridgeQuery = new int[lanes];
        this.bridgeSlot = new int[lanes];
        this.bridgeLeft = new int[lanes];
        this.newBase = new int[lanes];
        this.batch = new BridgeBatch(lanes, m, levy);
    }

    /**
     * @param lanes     paths held at once
     * @param dimension m, the number of independent Brownian motions of each path
     * @param levyArea  whether values carry K(t) = ∫ W du, hence the space-time Lévy area of any step
     * @param seed      the root seed
     */
    public static LaneBrownianPaths of(int lanes, int dimension, boolean levyArea, long seed) {
        return new LaneBrownianPaths(Require.positive("lanes", lanes), Require.positive("dimension", dimension),
                levyArea, seed);
    }

    /** The number of lanes. */
    public int lanes() {
        return lanes;
    }

    /** m. */
    public int dimension() {
        return m;
    }

    /** Whether values carry K, for Lévy areas. */
    public boolean hasLevyArea() {
        return levy;
    }

    /** The earliest time lane l still keeps (where its solver stands). */
    public double baseTime(int lane) {
        return baseTime[lane];
    }

    /**
     * Starts lane l on path {@code path} at t0 (W = K = 0 there) and draws its values at the anchors, in order: W at
     * every anchor first (forward, in time order), then the Lévy areas, so the anchors' W are the same with or
     * without them — a pure function of {@code (seed, path)}.
     *
     * @param anchors strictly increasing times after t0 (not modified; may be empty)
     * @throws IllegalArgumentException naming a non-finite t0 or an anchor out of order
     */
    public void reset(int lane, long path, double t0, double[] anchors) {
        Require.finite("t0", t0);
        double previous = t0;
        for (double anchor : anchors) {
            if (!(anchor > previous) || !Double.isFinite(anchor)) {
                throw new IllegalArgumentException("anchors = " + Arrays.toString(anchors) + ": must increase"
                        + " strictly after t0 = " + t0);
            }
            previous = anchor;
        }
        streams[lane].reset(seed, path, STREAM);
        ContinuousSampler normal = normals[lane];
        baseTime[lane] = t0;
        for (int j = 0; j < m; j++) {
            baseW[j * lanes + lane] = 0.0;
            baseK[j * lanes + lane] = 0.0;
        }
        int n = anchors.length;
        ensureCapacity(n);
        // The farthest point in slot 0: anchor a goes to slot n − 1 − a.
        for (int a = 0; a < n; a++) {
            int i = n - 1 - a;
            times[i * lanes + lane] = anchors[a];
            double root = Math.sqrt(anchors[a] - (a == 0 ? t0 : anchors[a - 1]));
            for (int j = 0; j < m; j++) {
                double before = a == 0 ? 0.0 : ws[w(i + 1, j, lane)];
                ws[w(i, j, lane)] = before + root * normal.sample();
            }
        }
        for (int a = 0; levy && a < n; a++) {
            int i = n - 1 - a;
            double from = a == 0 ? t0 : anchors[a - 1];
            double span = anchors[a] - from;
            double rootTwelfth = Math.sqrt(span / 12);
            for (int j = 0; j < m; j++) {
                double wa = a == 0 ? 0.0 : ws[w(i + 1, j, lane)];
                double ka = a == 0 ? 0.0 : ks[w(i + 1, j, lane)];
                ks[w(i, j, lane)] = ka + span * (wa + 0.5 * (ws[w(i, j, lane)] - wa) + rootTwelfth * normal.sample());
            }
        }
        count[lane] = n;
    }

    /**
     * W and K at time {@code t[q]} of lane {@code lane[q]}, for q in [0, n), into {@code wOut[j][q]} and
     * {@code kOut[j][q]} (channel j; kOut may be null without Lévy area), drawing each value that is not kept yet.
     * A lane appears at most once.
     *
     * @throws IllegalArgumentException when a time is not finite or lies before its lane's earliest kept point
     *                                  (then no lane has changed)
     */
    public void values(int n, int[] lane, double[] t, double[][] wOut, double[][] kOut) {
        // Every time checked before any lane changes: a refused call leaves every path as it was.
        for (int q = 0; q < n; q++) {
            int l = lane[q];
            if (!(t[q] >= baseTime[l]) || t[q] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("t = " + t[q] + ": must be finite and at least " + baseTime[l]
                        + ", the earliest time this path still keeps");
            }
        }
        int bridges = 0;
        for (int q = 0; q < n; q++) {
            int l = lane[q];
            double time = t[q];
            int top = count[l] - 1;
            if (top >= 0 && time > baseTime[l] && time < times[top * lanes + l]) {
                // The common query, an adaptive solver's next step end: between the base and the nearest point.
                openBridge(bridges++, q, l, top, time);
                continue;
            }
            if (time == baseTime[l]) {
                copyBase(l, q, wOut, kOut);
                continue;
            }
            // The nearest kept point at or after t: scan the stack from its top (the nearest).
            int i = count[l] - 1;
            while (i >= 0 && times[i * lanes + l] < time) {
                i--;
            }
            if (i >= 0 && times[i * lanes + l] == time) {
                copySlot(l, i, q, wOut, kOut);
            } else if (i < 0) {
                forward(l, time);
                copySlot(l, 0, q, wOut, kOut);
            } else {
                openBridge(bridges++, q, l, i, time);
            }
        }
        if (bridges >= FEW) {
            neighbours(bridges);
            draws(bridges);
            batch.draw(bridges);
            writeBack(bridges, wOut, kOut);
        } else {
            for (int b = 0; b < bridges; b++) {
                completeOne(b, wOut, kOut);
            }
        }
    }

    /**
     * Pending bridge b alone, start to end — its neighbours, its normals, its law ({@link BridgeBatch#drawOne}), its new point
     * written back: for a handful of bridges (a path queried on its own, {@link OnDemandBrownianPath}), where the
     * set-up of the loops over all bridges would cost more than their work. The same operations in the same order
     * per bridge, so the same bits.
     */
    private void completeOne(int b, double[][] wOut, double[][] kOut) {
        int l = bridgeLane[b];
        int from = bridgeLeft[b];
        int right = bridgeSlot[b] - 1;
        ContinuousSampler normal = normals[l];
        for (int j = 0; j < m; j++) {
            batch.leftW[j][b] = from < 0 ? baseW[j * lanes + l] : ws[w(from, j, l)];
            batch.rightW[j][b] = ws[w(right, j, l)];
            if (levy) {
                batch.leftK[j][b] = from < 0 ? baseK[j * lanes + l] : ks[w(from, j, l)];
                batch.rightK[j][b] = ks[w(right, j, l)];
            }
            batch.z1[j][b] = normal.sample();
            if (levy) {
                batch.z2[j][b] = normal.sample();
            }
        }
        batch.drawOne(b);
        int at = bridgeSlot[b];
        int q = bridgeQuery[b];
        for (int j = 0; j < m; j++) {
            ws[w(at, j, l)] = batch.newW[j][b];
            wOut[j][q] = batch.newW[j][b];
            if (levy) {
                ks[w(at, j, l)] = batch.newK[j][b];
                if (kOut != null) {
                    kOut[j][q] = batch.newK[j][b];
                }
            }
        }
    }

    /** The index of W (or K) of channel j in slot s of lane l. */
    private int w(int s, int j, int l) {
        return (s * m + j) * lanes + l;
    }

    private void copyBase(int l, int q, double[][] wOut, double[][] kOut) {
        for (int j = 0; j < m; j++) {
            wOut[j][q] = baseW[j * lanes + l];
        }
        if (levy && kOut != null) {
            for (int j = 0; j < m; j++) {
                kOut[j][q] = baseK[j * lanes + l];
            }
        }
    }

    private void copySlot(int l, int slot, int q, double[][] wOut, double[][] kOut) {
        for (int j = 0; j < m; j++) {
            wOut[j][q] = ws[w(slot, j, l)];
        }
        if (levy && kOut != null) {
            for (int j = 0; j < m; j++) {
                kOut[j][q] = ks[w(slot, j, l)];
            }
        }
    }

    /**
     * Moves lane {@code from}'s path — its kept points, base and random stream — to lane {@code to}, whose path is
     * dropped; lane {@code from} is left for {@link #reset}. The moved path goes on exactly as it would have in its
     * old lane (a block-adaptive solver keeps its active lanes together this way).
     */
    public void moveLane(int from, int to) {
        if (from == to) {
            return;
        }
        int c = count[from];
        baseTime[to] = baseTime[from];
        for (int j = 0; j < m; j++) {
            baseW[j * lanes + to] = baseW[j * lanes + from];
            baseK[j * lanes + to] = baseK[j * lanes + from];
        }
        for (int i = 0; i < c; i++) {
            times[i * lanes + to] = times[i * lanes + from];
            for (int j = 0; j < m; j++) {
                ws[w(i, j, to)] = ws[w(i, j, from)];
                if (levy) {
                    ks[w(i, j, to)] = ks[w(i, j, from)];
                }
            }
        }
        count[to] = c;
        KeyedStream stream = streams[to];
        streams[to] = streams[from];
        streams[from] = stream;
        ContinuousSampler normal = normals[to];
        normals[to] = normals[from];
        normals[from] = normal;
    }

    /**
     * Drops lane l's kept points at or before t, the last of them becoming the base: its solver asks for no earlier
     * time again (it accepted a step to t).
     */
    public void forgetBefore(int l, double t) {
        int c = count[l];
        while (c > 0 && times[(c - 1) * lanes + l] <= t) {
            c--;
        }
        if (c < count[l]) {
            becomeBase(l, c);
            count[l] = c;
        }
    }

    /**
     * {@link #forgetBefore(int, double)} for each lane {@code q < n} with {@code which[q]}, at its time {@code t[q]}:
     * the lanes whose solvers accepted a step, in one pass.
     */
    public void forgetBefore(int n, boolean[] which, double[] t) {
        int[] c = count;
        double[] time = times;
        for (int l = 0; l < n; l++) {
            int top = c[l];
            if (which[l]) {
                // Mostly one point: the accepted step's end, on top of the stack.
                while (top > 0 && time[(top - 1) * lanes + l] <= t[l]) {
                    top--;
                }
            }
            newBase[l] = top < c[l] ? top : -1;
            c[l] = top;
        }
        for (int l = 0; l < n; l++) {
            if (newBase[l] >= 0) {
                baseTime[l] = time[newBase[l] * lanes + l];
            }
        }
        for (int j = 0; j < m; j++) {
            for (int l = 0; l < n; l++) {
                if (newBase[l] >= 0) {
                    baseW[j * lanes + l] = ws[w(newBase[l], j, l)];
                }
            }
            for (int l = 0; levy && l < n; l++) {
                if (newBase[l] >= 0) {
                    baseK[j * lanes + l] = ks[w(newBase[l], j, l)];
                }
            }
        }
    }

    /** Makes slot s of lane l its base (the slots above s are dropped by the caller). */
    private void becomeBase(int l, int s) {
        baseTime[l] = times[s * lanes + l];
        for (int j = 0; j < m; j++) {
            baseW[j * lanes + l] = ws[w(s, j, l)];
        }
        if (levy) {
            for (int j = 0; j < m; j++) {
                baseK[j * lanes + l] = ks[w(s, j, l)];
            }
        }
    }

    /**
     * Drops every point lane l keeps after t, anchors included: the next query beyond t is drawn afresh. This is the
     * naive redraw of a rejected step that biases an adaptive solution's law; it exists for the test that shows so.
     */
    public void forgetAfter(int l, double t) {
        int c = count[l];
        int kept = 0;
        while (kept < c && times[(c - 1 - kept) * lanes + l] <= t) {
            kept++;
        }
        // The points at or before t are the top `kept` slots: move them down to the bottom of the stack.
        int from = c - kept;
        for (int i = 0; i < kept; i++) {
            moveSlot(l, from + i, i);
        }
        count[l] = kept;
    }

    private void moveSlot(int l, int from, int to) {
        times[to * lanes + l] = times[from * lanes + l];
        for (int j = 0; j < m; j++) {
            ws[w(to, j, l)] = ws[w(from, j, l)];
        }
        if (levy) {
            for (int j = 0; j < m; j++) {
                ks[w(to, j, l)] = ks[w(from, j, l)];
            }
        }
    }

    /** Draws lane l's point t beyond all its kept points (from the farthest, or the base), into slot 0. */
    private void forward(int l, double t) {
        insertAt(l, 0, t);
        boolean fromBase = count[l] == 1;
        double ta = fromBase ? baseTime[l] : times[lanes + l];
        double span = t - ta;
        double root = Math.sqrt(span);
        ContinuousSampler normal = normals[l];
        for (int j = 0; j < m; j++) {
            double w0 = fromBase ? baseW[j * lanes + l] : ws[w(1, j, l)];
            ws[w(0, j, l)] = w0 + root * normal.sample();
        }
        if (levy) {
            double rootTwelfth = Math.sqrt(span / 12);
            for (int j = 0; j < m; j++) {
                double w0 = fromBase ? baseW[j * lanes + l] : ws[w(1, j, l)];
                double k0 = fromBase ? baseK[j * lanes + l] : ks[w(1, j, l)];
                ks[w(0, j, l)] = k0 + span * (w0 + 0.5 * (ws[w(0, j, l)] - w0) + rootTwelfth * normal.sample());
            }
        }
    }

    /**
     * Opens pending bridge b: lane l's point t strictly between its kept point i (after t) and the point before it
     * (slot i + 1 before the insertion, or the base); inserts the slot above i. The neighbours' values and the
     * normals follow for all bridges at once ({@link #neighbours}, {@link #draws}).
     */
    private void openBridge(int b, int q, int l, int i, double t) {
        int at = i + 1;
        boolean fromBase = at == count[l];
        if (fromBase) {
            // On top of the stack: nothing to move.
            ensureCapacity(at + 1);
            times[at * lanes + l] = t;
            count[l] = at + 1;
        } else {
            insertAt(l, at, t);
        }
        bridgeLane[b] = l;
        bridgeQuery[b] = q;
        bridgeSlot[b] = at;
        bridgeLeft[b] = fromBase ? -1 : at + 1;
        batch.pointTime[b] = t;
        batch.leftTime[b] = fromBase ? baseTime[l] : times[(at + 1) * lanes + l];
        batch.rightTime[b] = times[i * lanes + l];
    }

    /**
     * W and K at the pending bridges' two neighbours, channel by channel: loops over all bridges, so the work per
     * bridge is a few loads, not the set-up of a loop over one or two channels.
     */
    private void neighbours(int bridges) {
        for (int j = 0; j < m; j++) {
            double[] left = batch.leftW[j];
            double[] right = batch.rightW[j];
            for (int b = 0; b < bridges; b++) {
                int l = bridgeLane[b];
                int from = bridgeLeft[b];
                left[b] = from < 0 ? baseW[j * lanes + l] : ws[w(from, j, l)];
                right[b] = ws[w(bridgeSlot[b] - 1, j, l)];
            }
            if (levy) {
                double[] leftArea = batch.leftK[j];
                double[] rightArea = batch.rightK[j];
                for (int b = 0; b < bridges; b++) {
                    int l = bridgeLane[b];
                    int from = bridgeLeft[b];
                    leftArea[b] = from < 0 ? baseK[j * lanes + l] : ks[w(from, j, l)];
                    rightArea[b] = ks[w(bridgeSlot[b] - 1, j, l)];
                }
            }
        }
    }

    /**
     * The pending bridges' normals from their lanes' streams, in the order of {@link OnDemandBrownianPath}: per
     * channel, Z₁ then Z₂ (each lane's stream sees that order; the lanes' streams are independent).
     */
    private void draws(int bridges) {
        for (int j = 0; j < m; j++) {
            double[] first = batch.z1[j];
            double[] second = batch.z2[j];
            for (int b = 0; b < bridges; b++) {
                ContinuousSampler normal = normals[bridgeLane[b]];
                first[b] = normal.sample();
                if (levy) {
                    second[b] = normal.sample();
                }
            }
        }
    }

    /** The new points into their slots and into the caller's rows, channel by channel. */
    private void writeBack(int bridges, double[][] wOut, double[][] kOut) {
        for (int j = 0; j < m; j++) {
            double[] values = batch.newW[j];
            double[] out = wOut[j];
            for (int b = 0; b < bridges; b++) {
                ws[w(bridgeSlot[b], j, bridgeLane[b])] = values[b];
                out[bridgeQuery[b]] = values[b];
            }
            if (levy) {
                double[] areas = batch.newK[j];
                for (int b = 0; b < bridges; b++) {
                    ks[w(bridgeSlot[b], j, bridgeLane[b])] = areas[b];
                }
                if (kOut != null) {
                    double[] kRow = kOut[j];
                    for (int b = 0; b < bridges; b++) {
                        kRow[bridgeQuery[b]] = areas[b];
                    }
                }
            }
        }
    }

    /** Opens slot `at` of lane l's stack for time t (values to be written), moving the slots from `at` up by one. */
    private void insertAt(int l, int at, double t) {
        int c = count[l];
        ensureCapacity(c + 1);
        for (int i = c; i > at; i--) {
            moveSlot(l, i - 1, i);
        }
        times[at * lanes + l] = t;
        count[l] = c + 1;
    }

    private void ensureCapacity(int slots) {
        if (slots > capacity) {
            capacity = Math.max(slots, 2 * capacity);
            times = Arrays.copyOf(times, capacity * lanes);
            ws = Arrays.copyOf(ws, capacity * m * lanes);
            if (levy) {
                ks = Arrays.copyOf(ks, capacity * m * lanes);
            }
        }
    }
}
