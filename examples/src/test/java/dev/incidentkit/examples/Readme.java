package dev.incidentkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README.md, read as its code blocks. Each fenced block is announced by an HTML
 * comment on the line before it, which says how a test checks it:
 * {@code <!-- snippet: PATH#TAG ... -->} (the block is those tagged regions of those files, see
 * {@link #region}), {@code <!-- file: PATH -->} (the block is that whole file, for a format such
 * as JSON that has no comments to tag a region with) or {@code <!-- transcript: im -->} (the
 * commands are run and their output compared).
 */
public final class Readme {

    /** One fenced code block. */
    public record Block(int line, String language, String marker, String text) {}

    private static final Pattern MARKER = Pattern.compile("<!-- ((?:snippet|transcript|file): .+?) -->");

    private Readme() {}

    /** @return the repository's root directory */
    public static Path root() {
        return Path.of(System.getProperty("incidentkit.root", "..")).toAbsolutePath().normalize();
    }

    /** @return every fenced block of README.md, in order; {@code marker} empty where none announces it */
    public static List<Block> blocks() {
        List<String> lines = read(root().resolve("README.md"));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            int start = i;
            String language = lines.get(i).substring(3).strip();
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher marker = start > 0 ? MARKER.matcher(lines.get(start - 1).strip()) : null;
            blocks.add(new Block(start + 1, language, marker != null && marker.matches() ? marker.group(1) : "",
                    text.toString()));
        }
        return blocks;
    }

    /**
     * The lines between {@code tag::NAME[]} and {@code end::NAME[]} in a file (in any comment
     * syntax), without the lines that carry other tags, and without their common indentation.
     *
     * @param file relative to the repository's root
     * @param tag the region's name
     * @return the region, each line ending with a newline
     */
    public static String region(String file, String tag) {
        List<String> lines = read(root().resolve(file));
        int start = indexOf(lines, "tag::" + tag + "[]", 0, file);
        int end = indexOf(lines, "end::" + tag + "[]", start, file);
        List<String> region = new ArrayList<>();
        for (String line : lines.subList(start + 1, end)) {
            if (!line.contains("tag::") && !line.contains("end::")) {
                region.add(line);
            }
        }
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : region) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    private static int indexOf(List<String> lines, String tag, int from, String file) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(tag)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no " + tag);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
