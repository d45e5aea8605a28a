package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help, version and shell completion, for every command of the tree. */
class ImHelpTest {

    @TempDir
    Path home;

    /** Every command path of {@code im}, such as {@code [timeline, export]}, walked from the real command tree. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        walk(Im.commandLine(new Environment(System.out, System.err, Map.of())), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {   // not an alias
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, paths);
            }
        });
    }

    @Test
    void theTreeHasTheCommandsTheReadmeLists() {
        assertThat(commands().map(p -> String.join(" ", p))).contains("", "declare", "ack", "update", "action add",
                "action done", "postmortem", "list", "show", "timeline export", "metrics", "verify", "demo", "version",
                "completion", "help");
    }

    @ParameterizedTest(name = "im {0} --help")
    @MethodSource("commands")
    void everyCommandHasWorkingHelp(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        ImProcess.Result result = im().run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Usage: " + String.join(" ", prefixed(path)) + " ");
        assertThat(result.out()).contains("-h, --help");
    }

    @ParameterizedTest(name = "im help {0}")
    @MethodSource("commands")
    void helpShowsTheSamePageAsDashDashHelp(List<String> path) {
        List<String> help = new ArrayList<>(List.of("help"));
        help.addAll(path);
        List<String> dashDash = new ArrayList<>(path);
        dashDash.add("--help");

        ImProcess.Result viaHelp = im().run(help.toArray(String[]::new));

        assertThat(viaHelp.exitCode()).isZero();
        assertThat(viaHelp.out()).isEqualTo(im().run(dashDash.toArray(String[]::new)).out());
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        ImProcess.Result result = im().run("help", "timeline", "frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("im: Unknown command 'frobnicate' in 'im timeline'");
    }

    @Test
    void versionNamesTheBuiltVersionAndJava() {
        ImProcess.Result result = im().run("version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("im 0.").contains("Java " + Runtime.version().feature()).doesNotContain("${");
        assertThat(im().run("--version").out()).isEqualTo(result.out());
    }

    @Test
    void theCompletionScriptCompletesCommandsAndOptionsInBash() throws Exception {
        ImProcess.Result result = im().run("completion");
        assertThat(result.exitCode()).isZero();
        Path script = home.resolve("im-completion.bash");
        Files.writeString(script, result.out(), StandardCharsets.UTF_8);

        assertThat(complete(script, "im", "tim")).containsExactly("timeline");
        assertThat(complete(script, "im", "timeline", "")).contains("export");
        assertThat(complete(script, "im", "postmortem", "--root")).containsExactly("--root-cause");
        assertThat(complete(script, "im", "action", "")).contains("add", "done");
    }

    /** What bash offers for the last word, with the script sourced as a user's shell does. */
    private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        // compopt works only inside a completion bash itself started; outside, it only complains.
        String program = "source '" + script + "'\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_im im \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("bash said: %s", out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> prefixed(List<String> path) {
        List<String> all = new ArrayList<>(List.of("im"));
        all.addAll(path);
        return all;
    }

    private ImInProcess im() {
        return new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "tester"));
    }
}
