package dev.incidentkit.examples.cli;

import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.steps;
import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.thisYear;
import static dev.incidentkit.examples.cli.ReadmeTranscriptTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.examples.Readme;
import dev.incidentkit.examples.cli.ReadmeTranscriptTest.Step;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code im serve} transcripts, run: {@code im serve} in a process of its own (on a
 * free port, which stands for the README's 8080), then each line of the other terminal through
 * bash in a folder of the test's own (so curl and jq must be installed: {@code .ci/run} installs
 * them), where {@code ./im} is the real {@code im} (a separate JVM per command) on the same store,
 * and {@code docs/} the repository's; what each prints (standard output and error) must be what
 * the README shows.
 */
class ReadmeServeTest {

    static final Pattern SERVING = Pattern.compile("Serving http://127\\.0\\.0\\.1:(\\d+)/");

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
        run("transcript: im serve", "transcript: curl", "/tmp/im-demo");
    }

    @Test
    void theReadmeAlertsSessionIsWhatItPrints() throws Exception {
        run("transcript: alerts serve", "transcript: alerts", "/tmp/im-alerts");
        // The Alertmanager configuration the README shows sends to the receiver the session posted to.
        assertThat(Readme.region("docs/alertmanager.yml", "receiver"))
                .contains("url: http://127.0.0.1:8080/api/v1/alerts/alertmanager");
        assertThat(String.join("\n", steps(block("transcript: alerts")).stream().map(Step::command).toList()))
                .contains("localhost:8080/api/v1/alerts/alertmanager");
    }

    /**
     * @param serverBlock the server's terminal: exports, then {@code rm -rf $IM_HOME && ./im serve}
     * @param clientBlock the other terminal
     * @param readmeHome the folder the README exports as IM_HOME, for which the test's own stands
     */
    private void run(String serverBlock, String clientBlock, String readmeHome) throws Exception {
        Path home = Files.createTempDirectory(work, "im-home");
        Map<String, String> environment = new HashMap<>(Map.of("IM_HOME", home.toString()));

        // The server's terminal: exports, then im serve, whose first line is the README's.
        String port = null;
        for (Step step : steps(block(serverBlock))) {
            List<String> words = words(step.command());
            if (exports(words, environment, readmeHome)) {
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

        // Another terminal, at the repository's root as the README has it: ./im and docs/ are there.
        Path terminal = Files.createDirectories(work.resolve("terminal"));
        writeIm(terminal.resolve("im"));
        copyFolder(Readme.root().resolve("docs"), terminal.resolve("docs"));
        int commands = 0;
        for (Step step : steps(block(clientBlock))) {
            String command = thisYear(step.command());
            if (exports(words(command), environment, readmeHome)) {
                continue;
            }
            ImProcess.Result result = bash(terminal, command.replace("localhost:8080", "127.0.0.1:" + port), environment);
            commands++;
            assertThat(result.exitCode()).as("exit code of %s; output: %s", command, result.out()).isZero();
            assertThat(result.out()).as(command).isEqualTo(thisYear(step.expected()));
        }
        assertThat(commands).isGreaterThan(4);
    }

    private static Readme.Block block(String marker) {
        return Readme.blocks().stream().filter(b -> b.marker().equals(marker)).findFirst().orElseThrow();
    }

    /** @return whether the words are an export, applied to the environment (the README's IM_HOME is the test's) */
    private static boolean exports(List<String> words, Map<String, String> environment, String readmeHome) {
        if (!words.get(0).equals("export")) {
            return false;
        }
        for (String assignment : words.subList(1, words.size())) {
            String[] nameValue = assignment.split("=", 2);
            if (nameValue[0].equals("IM_HOME")) {
                assertThat(nameValue[1]).isEqualTo(readmeHome);
            } else {
                environment.put(nameValue[0], nameValue[1]);
            }
        }
        return true;
    }

    /** {@code ./im} in the test's terminal: the command {@link ImProcess} runs, as a script. */
    private static void writeIm(Path script) throws IOException {
        List<String> command = new ImProcess(script.getParent(), Map.of()).builder().command();
        String quoted = command.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Files.writeString(script, "#!/bin/sh\nexec " + quoted + " \"$@\"\n", StandardCharsets.UTF_8);
        assertThat(script.toFile().setExecutable(true)).isTrue();
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    /** Runs one line through bash, standard error into standard output, as a terminal shows both. */
    private ImProcess.Result bash(Path dir, String command, Map<String, String> environment) throws Exception {
        Path out = Files.createTempFile(work, "bash-out", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec 2>&1; " + command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("IM_"));
        builder.environment().putAll(environment);
        Process bash = builder.start();
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new ImProcess.Result(bash.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }
}
