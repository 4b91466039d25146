package org.sde4j.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter notebook (nbformat 4) held as its JSON tree, so that fields sde4j does not know (metadata of
 * other tools, attachments) survive a round trip unchanged.
 *
 * <p>Cells are read in order; a cell's {@code source} may be one string or a list of lines, as nbformat
 * allows. Outputs are written in the nbformat 4 shapes: {@code stream} (name, text), {@code display_data}
 * and {@code execute_result} (a {@code data} bundle keyed by MIME type), {@code error} (ename, evalue,
 * traceback). Writing is atomic: a temporary file in the same directory, then a rename.
 */
public final class Notebook {
    private final Map<String, Object> root;

    private Notebook(Map<String, Object> root) {
        this.root = root;
    }

    /** Reads and checks a notebook: a JSON object with {@code nbformat} 4 and a {@code cells} list. */
    @SuppressWarnings("unchecked")
    public static Notebook read(Path file) throws IOException {
        Object tree;
        try {
            tree = NotebookJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notebook " + file + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("notebook " + file + ": must be a JSON object");
        }
        Object format = map.get("nbformat");
        if (!(format instanceof Long v) || v != 4) {
            throw new IllegalArgumentException("notebook " + file + ": nbformat = " + format + ": must be 4");
        }
        if (!(map.get("cells") instanceof List)) {
            throw new IllegalArgumentException("notebook " + file + ": cells: must be a list");
        }
        return new Notebook((Map<String, Object>) map);
    }

    /** The cells, in order, each its JSON object (modifiable). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cells() {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Object c : (List<Object>) root.get("cells")) {
            if (!(c instanceof Map)) {
                throw new IllegalArgumentException("cell " + cells.size() + ": must be a JSON object");
            }
            cells.add((Map<String, Object>) c);
        }
        return cells;
    }

    /** Whether {@code cell} is a code cell. */
    public static boolean isCode(Map<String, Object> cell) {
        return "code".equals(cell.get("cell_type"));
    }

    /** A cell's source as one string (a list of lines is joined as it is, lines keep their newlines). */
    public static String source(Map<String, Object> cell) {
        Object s = cell.get("source");
        if (s instanceof String str) {
            return str;
        }
        if (s instanceof List<?> lines) {
            StringBuilder sb = new StringBuilder();
            lines.forEach(sb::append);
            return sb.toString();
        }
        return "";
    }

    /** Text split after each newline, the nbformat way of storing multi-line strings. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The notebook as JSON text, in Jupyter's layout. */
    String toJson() {
        return NotebookJson.write(root);
    }

    /** Writes the notebook to {@code file} atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
