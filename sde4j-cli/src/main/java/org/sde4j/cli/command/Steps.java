package org.sde4j.cli.command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of list options: values at least 1, names and counts given once. */
final class Steps {
    private Steps() {
    }

    /**
     * @throws IllegalArgumentException naming {@code option} when a value is below 1 or repeated (a repeated value
     *                                  would be run twice and reported as two measurements)
     */
    static void distinctPositive(String option, int[] values) {
        Set<Integer> seen = new HashSet<>();
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(option + ": " + v + " must be at least 1");
            }
            if (!seen.add(v)) {
                throw new IllegalArgumentException(option + ": " + v + " is given twice; give each value once");
            }
        }
    }

    /** @throws IllegalArgumentException naming {@code option} when a name is repeated */
    static void distinct(String option, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException(option + ": " + org.sde4j.cli.output.Messages.cut(n) + " is given"
                        + " twice; give each name once");
            }
        }
    }
}
