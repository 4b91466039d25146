package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checkout needs nothing beside it: no tracked text file names a path that leaves the repository — a
 * sibling directory reached by {@code ../} from the root, or the development machine's workspace. A user's
 * clone has neither. System locations a user installs into (for example {@code /usr/share/datasets}) are
 * allowed; they are documented install targets, not paths into someone's workspace.
 */
class SelfContainedRepositoryTest {
    /** Built from pieces, so that this file does not match itself. */
    private static final Pattern LEAVES_THE_REPOSITORY = Pattern.compile(String.join("|",
            Pattern.quote(".." + "/shared"),
            Pattern.quote("/work" + "/"),
            Pattern.quote("/root" + "/"),
            "\\.\\./\\.\\./\\.\\./"));
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".idea");

    @Test
    void noFileRefersToAPathOutsideTheRepository() throws IOException {
        Path root = Path.of(System.getProperty("sde4j.root", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("sde4j-core")),
                "not the checkout's root: " + root);
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (skipped(root.relativize(file))) {
                    continue;
                }
                String text = textOf(file);
                if (text == null) {
                    continue;
                }
                scanned++;
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = LEAVES_THE_REPOSITORY.matcher(lines[i]);
                    if (m.find()) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(scanned > 100, "only " + scanned + " text files scanned under " + root);
        assertTrue(found.isEmpty(), "paths outside the repository:\n" + String.join("\n", found));
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The file as UTF-8 text, or null when it is binary (a NUL byte, or not UTF-8). */
    private static String textOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
