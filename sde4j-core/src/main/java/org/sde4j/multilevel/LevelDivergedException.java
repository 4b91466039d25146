package org.sde4j.multilevel;

/**
 * A path of a level stopped being finite: which level, at what time and step, and which path, so that the level
 * can be replayed (its randomness depends on the seed, the level and the path only).
 */
public final class LevelDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int level;
    private final double time;
    private final long step;
    private final long path;

    LevelDivergedException(int level, boolean coarse, double time, long step, long path, double h) {
        super("level " + level + " diverged: the " + (coarse ? "coarse" : "fine") + " solve of path " + path
                + " is not finite at t = " + time + " (fine step " + step + ", h = " + h + "); a smaller step at the"
                + " coarsest level (coarsestSteps) or a scheme that stays finite is needed");
        this.level = level;
        this.time = time;
        this.step = step;
        this.path = path;
    }

    /** The level. */
    public int level() {
        return level;
    }

    /** The time at which the state was first not finite. */
    public double time() {
        return time;
    }

    /** The fine step (from 0) that produced it. */
    public long step() {
        return step;
    }

    /** The path's index within the level. */
    public long path() {
        return path;
    }
}
