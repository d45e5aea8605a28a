package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.examples.Readme;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's on-call transcript, typed into {@code im} (in process): each {@code $ ./im ...}
 * runs at a fixed {@code --at} or span, and prints the lines the README shows under it. A path
 * the transcript names relative to the repository's root ({@code docs/oncall.json}) is a copy of
 * that file in a temporary folder, so that no command can change the README's file.
 */
class ReadmeOnCallTest {

    @TempDir
    Path work;

    @Test
    void theReadmeOnCallTranscriptIsWhatImPrints() throws Exception {
        Readme.Block block = Readme.blocks().stream()
                .filter(b -> b.marker().equals("transcript: oncall")).findFirst().orElseThrow();
        Map<String, String> environment = new HashMap<>();
        environment.put("IM_HOME", Files.createTempDirectory(work, "im-home").toString());
        int commands = 0;
        for (ReadmeTranscriptTest.Step step : ReadmeTranscriptTest.steps(block)) {
            List<String> words = ReadmeTranscriptTest.words(step.command());
            if (words.get(0).equals("export")) {
                for (String assignment : words.subList(1, words.size())) {
                    String[] nameValue = assignment.split("=", 2);
                    environment.put(nameValue[0], copied(nameValue[1]));
                }
                continue;
            }
            assertThat(words.get(0)).as(step.command()).isEqualTo("./im");
            String[] args = words.subList(1, words.size()).stream().map(this::copied).toArray(String[]::new);
            ImProcess.Result result = new ImInProcess(environment).run(args);
            commands++;
            assertThat(result.exitCode()).as("exit code of %s; stderr: %s", step.command(), result.err()).isZero();
            assertThat(result.err()).as(step.command()).isEmpty();
            assertThat(result.out()).as(step.command()).isEqualTo(step.expected());
        }
        assertThat(commands).isEqualTo(2);
    }

    @Test
    void theReadmesFileIsWhatOnCallConfigWrites() throws Exception {
        Path file = Readme.root().resolve("docs/oncall.json");
        try (Reader r = Files.newBufferedReader(file)) {
            assertThat(OnCallConfig.read(r, "docs/oncall.json").write()).isEqualTo(Files.readString(file));
        }
    }

    /** A file of the repository, as a copy in {@link #work}; anything else as is. */
    private String copied(String word) {
        Path original = Readme.root().resolve(word);
        if (word.startsWith("-") || !word.contains("/") || !Files.isRegularFile(original)) {
            return word;
        }
        try {
            Path copy = work.resolve(original.getFileName());
            if (!Files.exists(copy)) {
                Files.copy(original, copy);
            }
            return copy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
