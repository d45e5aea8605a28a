package dev.incidentkit.examples.cli;

import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.steps;
import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.thisYear;
import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.examples.Readme;
import dev.incidentkit.examples.cli.ReadmeTranscriptTest.Step;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code im serve} and {@code curl} transcripts, run: {@code im serve} in a process
 * of its own (on a free port, which stands for the README's 8080), each {@code curl} line through
 * bash (so curl and jq must be installed: {@code .ci/run} installs them), each {@code ./im} line as
 * a separate {@code im} process on the same store; what each prints must be what the README shows.
 */
class ReadmeServeTest {

    static final Pattern SERVING = Pattern.compile("Serving http://127\\.0\\.0\\.1:(\\d+)/");
    /** The folder the README exports as IM_HOME; the test's own stands for it. */
    static final String README_HOME = "/tmp/im-demo";

    @TempDir
    Path work;

    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReadmeSessionAgainstImServeIsWhatItPrints() throws Exception {
        Path home = Files.createTempDirectory(work, "im-home");
        Map<String, String> environment = new HashMap<>(Map.of("IM_HOME", home.toString()));

        // The server's terminal: exports, then im serve, whose first line is the README's.
        String port = null;
        for (Step step : steps(block("transcript: im serve"))) {
            List<String> words = words(step.command());
            if (exports(words, environment)) {
                continue;
            }
            assertThat(step.command()).isEqualTo("rm -rf $IM_HOME && ./im serve");
            server = new ImProcess(work, environment).builder("serve", "--port", "0").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (port == null && (line = out.readLine()) != null) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port = m.group(1);
                    assertThat(line.replace(port, "8080") + System.lineSeparator()).isEqualTo(step.expected());
                }
            }
            assertThat(port).as("im serve said where it serves").isNotNull();
        }

        // Another terminal: curl through bash, ./im as a process, on the same IM_HOME.
        int commands = 0;
        for (Step step : steps(block("transcript: curl"))) {
            String command = thisYear(step.command());
            List<String> words = words(command);
            if (exports(words, environment)) {
                continue;
            }
            ImProcess.Result result;
            if (words.get(0).equals("./im")) {
                result = new ImProcess(work, environment).run(words.subList(1, words.size()).toArray(String[]::new));
            } else {
                assertThat(words.get(0)).as(command).isEqualTo("curl");
                result = bash(command.replace("localhost:8080", "127.0.0.1:" + port), environment);
            }
            commands++;
            assertThat(result.exitCode()).as("exit code of %s; stderr: %s", command, result.err()).isZero();
            assertThat(result.err()).as(command).isEmpty();
            assertThat(result.out()).as(command).isEqualTo(thisYear(step.expected()));
        }
        assertThat(commands).isGreaterThan(5);
    }

    private static Readme.Block block(String marker) {
        return Readme.blocks().stream().filter(b -> b.marker().equals(marker)).findFirst().orElseThrow();
    }

    /** @return whether the words are an export, applied to the environment (the README's IM_HOME is the test's) */
    private static boolean exports(List<String> words, Map<String, String> environment) {
        if (!words.get(0).equals("export")) {
            return false;
        }
        for (String assignment : words.subList(1, words.size())) {
            String[] nameValue = assignment.split("=", 2);
            if (nameValue[0].equals("IM_HOME")) {
                assertThat(nameValue[1]).isEqualTo(README_HOME);
            } else {
                environment.put(nameValue[0], nameValue[1]);
            }
        }
        return true;
    }

    private ImProcess.Result bash(String command, Map<String, String> environment) throws Exception {
        Path out = Files.createTempFile(work, "curl-out", ".txt");
        Path err = Files.createTempFile(work, "curl-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process bash = builder.start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new ImProcess.Result(bash.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
