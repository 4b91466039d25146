package org.sde4j.cli.command;

import java.util.Iterator;
import org.sde4j.problems.Problems;
import org.sde4j.solver.scheme.Schemes;

/** The valid values of {@code --problem} and {@code --scheme}, for picocli's help and shell completion. */
final class Names {
    private Names() {
    }

    /** The problem names of {@link Problems}. */
    static final class ProblemNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Problems.names().iterator();
        }
    }

    /** The scheme names of {@link Schemes}. */
    static final class SchemeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Schemes.names().iterator();
        }
    }
}
