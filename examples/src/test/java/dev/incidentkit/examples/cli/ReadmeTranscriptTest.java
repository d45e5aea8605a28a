package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.examples.Readme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code im} transcript, typed into the real {@code im} (a separate JVM per command):
 * each {@code $ ./im ...} line runs, and what it prints must be the lines the README shows under
 * it. {@code $ export NAME=VALUE} sets the environment ({@code $(mktemp -d)} is a fresh directory);
 * {@code > FILE} sends the output to a file, which must then hold something. The README's ids
 * ({@code INC-2026-001}) carry the year it was written; {@code im} numbers by the current year.
 */
class ReadmeTranscriptTest {

    @TempDir
    Path work;

    @Test
    void theReadmeTranscriptIsWhatImPrints() throws Exception {
        Readme.Block block = Readme.blocks().stream()
                .filter(b -> b.marker().equals("transcript: im")).findFirst().orElseThrow();
        Map<String, String> environment = new HashMap<>();
        // Never the user's ~/.im, whatever the transcript exports.
        environment.put("IM_HOME", Files.createTempDirectory(work, "im-home").toString());
        int commands = 0;
        for (Step step : steps(block)) {
            String command = step.command();
            String expected = step.expected();
            List<String> words = words(thisYear(command));
            if (words.get(0).equals("export")) {
                for (String assignment : words.subList(1, words.size())) {
                    String[] nameValue = assignment.split("=", 2);
                    environment.put(nameValue[0], nameValue[1].equals("$(mktemp -d)")
                            ? Files.createTempDirectory(work, "im-home").toString() : nameValue[1]);
                }
                continue;
            }
            assertThat(words.get(0)).as(command).isEqualTo("./im");
            int redirect = words.indexOf(">");
            List<String> args = words.subList(1, redirect < 0 ? words.size() : redirect);
            ImProcess.Result result = new ImProcess(work, environment).run(args.toArray(String[]::new));
            commands++;
            assertThat(result.exitCode()).as("exit code of %s; stderr: %s", command, result.err()).isZero();
            assertThat(result.err()).as(command).isEmpty();
            if (redirect < 0) {
                assertThat(result.out()).as(command).isEqualTo(thisYear(expected));
            } else {
                assertThat(expected).as(command).isEmpty();
                Path file = work.resolve(words.get(redirect + 1));
                Files.writeString(file, result.out(), StandardCharsets.UTF_8);
                assertThat(result.out()).as(command).isNotBlank();
            }
        }
        assertThat(commands).isPositive();
    }

    /**
     * One command of a transcript and what it prints.
     *
     * @param command the command after {@code $ }, its continuation lines joined
     * @param expected the lines under it, each ending with a line separator
     */
    record Step(String command, String expected) {}

    /** @return the steps of a transcript block */
    static List<Step> steps(Readme.Block block) {
        List<String> lines = block.text().lines().toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); ) {
            assertThat(lines.get(i)).as("%s, line %d", block.marker(), i + 1).startsWith("$ ");
            StringBuilder command = new StringBuilder(lines.get(i).substring(2));
            while (command.toString().endsWith("\\")) {
                command.setLength(command.length() - 1);
                command.append(' ').append(lines.get(++i).strip());
            }
            StringBuilder expected = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
                expected.append(lines.get(i)).append(System.lineSeparator());
            }
            steps.add(new Step(command.toString(), expected.toString()));
        }
        return steps;
    }

    /** The transcript's incident ids, numbered in the current year as {@code im} numbers them. */
    static String thisYear(String text) {
        return text.replace("INC-2026-", "INC-" + Year.now(ZoneOffset.UTC) + "-");
    }

    /** Splits a command line as a POSIX shell does, for the quoting a transcript uses. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        int depth = 0;  // inside $( ... ), kept whole
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                depth++;
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            } else if (c == ')' && depth > 0) {
                depth--;
                word.append(c);
            } else if (Character.isWhitespace(c) && depth == 0) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        assertThat((int) quote).as("unclosed quote in %s", line).isZero();
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
