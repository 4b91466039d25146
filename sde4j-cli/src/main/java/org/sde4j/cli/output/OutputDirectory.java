package org.sde4j.cli.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;

/**
 * A directory a command writes files into ({@code --runs}, {@code --plots}): created when missing, before the
 * work starts, and checked to take a new file.
 */
public final class OutputDirectory implements OutputTarget {
    private final Path path;

    public OutputDirectory(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** The file {@code name} in this directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void prepare(String option) {
        ensure(path.toAbsolutePath().normalize(), option + " = " + Messages.cut(path.toString()) + ": ");
    }

    /**
     * Creates {@code dir} when missing and checks that a file can be created in it.
     *
     * @param what the start of the message, naming the option and the value
     */
    static void ensure(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(what + Messages.cut(dir.toString()) + " is a file, not a directory");
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + "cannot create the directory " + Messages.cut(dir.toString())
                    + " (" + Messages.reason(e) + ")");
        }
        try {
            Path probe = Files.createTempFile(dir, ".sde4j-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + "cannot write in " + Messages.cut(dir.toString()) + " ("
                    + Messages.reason(e) + ")");
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Picocli's converter: wraps the path, checked later by {@link #prepare}. */
    public static final class Converter implements ITypeConverter<OutputDirectory> {
        @Override
        public OutputDirectory convert(String value) {
            return new OutputDirectory(Path.of(value));
        }
    }
}
