package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.ValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code im postmortem}: writes the sections of an incident's postmortem, the prose the team
 * writes on purpose. The text is Markdown and stays Markdown in the export (sanitized there: no
 * raw HTML, no {@code javascript:} links).
 */
@Command(name = "postmortem",
        description = {
            "Write the postmortem's sections: summary, root cause, contributing factors, impact, what went well,",
            "what went poorly, resolution. Each is Markdown (lists, emphasis, code), kept as written in",
            "'timeline export --format md'. A section given replaces the one written before; the others stay."},
        footer = {
            "",
            "Text from files:",
            "  --root-cause @rca.md    any section option reads its text from a file when the value starts",
            "                          with @ (write @@ for a text that starts with @).",
            "  --from-file pm.md       one Markdown file with a heading per section (# or ##): Summary,",
            "                          Root Cause, Contributing Factors, Impact, What Went Well, What Went",
            "                          Poorly, Resolution. Deeper headings (###) belong to the section's",
            "                          text; an empty section is left as it was; one # title line may open",
            "                          the file; any other heading or text outside a section is an error.",
            "                          Options given beside --from-file replace the file's section.",
            "",
            "Example:",
            "  im postmortem --incident INC-2025-001 --root-cause \"Missing index on orders.created_at\" \\",
            "      --impact \"Checkout failed for ~30%% of users for 17 minutes\""})
final class PostmortemCommand extends WriteCommands.OnIncident {

    /** The sections, in the order of the export: heading, flag, and how each is set on an update. */
    enum Section {
        SUMMARY("Summary", "--summary", PostmortemUpdate::summary),
        ROOT_CAUSE("Root Cause", "--root-cause", PostmortemUpdate::rootCause),
        CONTRIBUTING_FACTORS("Contributing Factors", "--contributing-factors", PostmortemUpdate::contributingFactors),
        IMPACT("Impact", "--impact", PostmortemUpdate::impact),
        WENT_WELL("What Went Well", "--went-well", PostmortemUpdate::wentWell),
        WENT_POORLY("What Went Poorly", "--went-poorly", PostmortemUpdate::wentPoorly),
        RESOLUTION("Resolution", "--resolution", PostmortemUpdate::resolution);

        final String heading;
        final String flag;
        private final BiFunction<PostmortemUpdate, String, PostmortemUpdate> setter;

        Section(String heading, String flag, BiFunction<PostmortemUpdate, String, PostmortemUpdate> setter) {
            this.heading = heading;
            this.flag = flag;
            this.setter = setter;
        }

        static Optional<Section> ofHeading(String title) {
            String t = title.strip().replaceAll(":$", "").toLowerCase(Locale.ROOT);
            for (Section s : values()) {
                if (s.heading.toLowerCase(Locale.ROOT).equals(t)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    @Option(names = "--summary", paramLabel = "TEXT|@FILE", description = "What happened, in a few sentences.")
    Optional<String> summary = Optional.empty();

    @Option(names = "--root-cause", paramLabel = "TEXT|@FILE", description = "The cause.")
    Optional<String> rootCause = Optional.empty();

    @Option(names = "--contributing-factors", paramLabel = "TEXT|@FILE", description = "What made it worse or likelier.")
    Optional<String> contributingFactors = Optional.empty();

    @Option(names = "--impact", paramLabel = "TEXT|@FILE", description = "Who and what was affected, and how much.")
    Optional<String> impact = Optional.empty();

    @Option(names = "--went-well", paramLabel = "TEXT|@FILE", description = "What worked in the response.")
    Optional<String> wentWell = Optional.empty();

    @Option(names = "--went-poorly", paramLabel = "TEXT|@FILE", description = "What did not.")
    Optional<String> wentPoorly = Optional.empty();

    @Option(names = "--resolution", paramLabel = "TEXT|@FILE",
            description = "What ended the incident (default in the export: the mitigation and resolution notes).")
    Optional<String> resolution = Optional.empty();

    @Option(names = "--from-file", paramLabel = "FILE", description = "A Markdown file with one heading per section (see below).")
    Optional<Path> fromFile = Optional.empty();

    @Override
    int run(Session s) {
        Map<Section, String> texts = new LinkedHashMap<>();
        if (fromFile.isPresent()) {
            texts.putAll(sections(fromFile.get()));
        }
        Map<Section, Optional<String>> given = Map.of(Section.SUMMARY, summary, Section.ROOT_CAUSE, rootCause,
                Section.CONTRIBUTING_FACTORS, contributingFactors, Section.IMPACT, impact, Section.WENT_WELL, wentWell,
                Section.WENT_POORLY, wentPoorly, Section.RESOLUTION, resolution);
        for (Section section : Section.values()) {
            given.get(section).ifPresent(v -> texts.put(section, text(section.flag, v)));
        }
        if (texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Nothing to write: give at least one of --summary, "
                    + "--root-cause, --contributing-factors, --impact, --went-well, --went-poorly, --resolution, "
                    + "or --from-file with at least one section that is not empty");
        }
        PostmortemUpdate update = PostmortemUpdate.none();
        List<String> written = new ArrayList<>();
        for (Section section : Section.values()) {
            if (texts.containsKey(section)) {
                update = section.setter.apply(update, texts.get(section));
                written.add(section.heading.toLowerCase(Locale.ROOT));
            }
        }
        Incident i = s.incidents.updatePostmortem(incident, update, options.context(s.env));
        Printer.result(s, i, "Postmortem of " + i.id() + " updated: " + String.join(", ", written));
        return 0;
    }

    /** A value as given, or the content of the file it names with a leading {@code @}. */
    private static String text(String flag, String value) {
        if (value.startsWith("@@")) {
            return value.substring(1);
        }
        if (!value.startsWith("@")) {
            return value;
        }
        return read(flag, Path.of(value.substring(1)), " (write @@ for a text that starts with @)");
    }

    private static String read(String flag, Path file, String hint) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return trimmed(text.replace("\r\n", "\n"));
        } catch (CharacterCodingException e) {
            throw new ValidationException(flag, "must name a UTF-8 text file", file);
        } catch (IOException e) {
            throw new ValidationException(flag, "must name a readable file" + hint + " (" + e.getClass().getSimpleName()
                    + ")", file);
        }
    }

    /** Without blank lines around it, keeping the first line's indentation (an indented code block). */
    private static String trimmed(String text) {
        return text.replaceFirst("\\A([ \\t]*\n)+", "").stripTrailing();
    }

    /** The sections of a Markdown file, by their headings; empty sections are left out. */
    static Map<Section, String> sections(Path file) {
        String content = read("--from-file", file, "");
        Map<Section, StringBuilder> found = new LinkedHashMap<>();
        StringBuilder current = null;
        boolean titleSeen = false;
        String fence = null;
        int lineNumber = 0;
        for (String line : content.split("\n", -1)) {
            lineNumber++;
            Matcher fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find()) {
                String marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
            }
            Matcher heading = HEADING.matcher(line);
            if (fence == null && heading.matches() && heading.group(1).length() <= 2) {
                Optional<Section> section = Section.ofHeading(heading.group(2));
                if (section.isPresent()) {
                    if (found.containsKey(section.get())) {
                        throw new ValidationException("--from-file", "must have each section once; line " + lineNumber
                                + " repeats", line);
                    }
                    current = new StringBuilder();
                    found.put(section.get(), current);
                    continue;
                }
                if (current == null && heading.group(1).length() == 1 && !titleSeen) {
                    titleSeen = true;   // the document's title
                    continue;
                }
                throw new ValidationException("--from-file", "must use only the section headings Summary, Root Cause, "
                        + "Contributing Factors, Impact, What Went Well, What Went Poorly, Resolution (### and deeper "
                        + "belong to a section); line " + lineNumber + " is", line);
            }
            if (current == null) {
                if (!line.isBlank()) {
                    throw new ValidationException("--from-file", "must start its text under a section heading such as "
                            + "'## Root Cause'; line " + lineNumber + " is", line);
                }
                continue;
            }
            current.append(line).append('\n');
        }
        Map<Section, String> texts = new LinkedHashMap<>();
        found.forEach((section, text) -> {
            String t = trimmed(text.toString());
            if (!t.isEmpty()) {
                texts.put(section, t);
            }
        });
        return texts;
    }
}
