package dev.incidentkit.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code im demo}: the walkthrough "Your First Incident", command by command, against a fresh
 * temporary H2 store, with every action back-dated to the walkthrough's time (Tuesday 23 August
 * 2025, 14:30 UTC). Prints each command as a terminal would, then the timeline and the postmortem.
 */
@Command(name = "demo", description = "Run the walkthrough end to end on a temporary store and print the postmortem.")
final class Demo implements Callable<Integer> {

    private static final Pattern DECLARED = Pattern.compile("Incident declared: (\\S+)");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Environment env = ((Im) spec.root().userObject()).env;
        Path folder;
        try {
            folder = Files.createTempDirectory("im-demo");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the demo store", e);
        }
        try {
            return walkthrough(env, folder);
        } finally {
            delete(folder);
        }
    }

    private static int walkthrough(Environment env, Path home) {
        Map<String, String> variables = new HashMap<>();
        variables.put("IM_HOME", home.toString());
        variables.put("IM_USER", "user@example.com");
        // The walkthrough keeps its 2025 dates whenever it runs: let its declaration be that old.
        variables.put("IM_MAX_BACKDATING", "P36500D");
        Step step = new Step(env, variables);

        env.out.println("# Your First Incident: a database performance issue on checkout, Tuesday 14:30 UTC.");
        env.out.println();
        String declared = step.run("declare", "--sev", "SEV-2",
                "--title", "Checkout service experiencing high database latency",
                "--service", "checkout",
                "--description", "Database response times increased to 5+ seconds. Multiple customer reports of failed checkouts.",
                "--at", "2025-08-23T14:30:00Z");
        Matcher m = DECLARED.matcher(declared);
        if (!m.find()) {
            env.err.println("im: the demo could not declare its incident.");
            return Im.FAILURE;
        }
        String id = m.group(1);
        step.run("ack", "--incident", id, "--note", "Investigating database performance metrics", "--at", "2025-08-23T14:32:00Z");
        step.run("update", "--incident", id, "--note", "Found slow query in orders table. Query execution time: 8.2s avg",
                "--at", "2025-08-23T14:35:00Z");
        step.run("update", "--incident", id, "--note", "Applied database index to orders.created_at. Testing performance",
                "--at", "2025-08-23T14:42:00Z");
        step.run("update", "--incident", id, "--note", "Database performance improved. Response time now <500ms. Monitoring",
                "--at", "2025-08-23T14:45:00Z");
        step.run("mitigate", "--incident", id,
                "--note", "Applied database optimization. Performance restored, monitoring for stability",
                "--at", "2025-08-23T14:47:00Z");
        step.run("resolve", "--incident", id,
                "--note", "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.",
                "--at", "2025-08-23T15:15:00Z");
        step.run("close", "--incident", id, "--at", "2025-08-23T15:15:00Z");
        step.run("verify", "--incident", id);
        step.run("timeline", "export", "--incident", id, "--format", "text");
        step.run("timeline", "export", "--incident", id, "--format", "md");
        return step.failures == 0 ? 0 : Im.FAILURE;
    }

    /** Runs one {@code im} command in this process, echoing it as a terminal would. */
    private static final class Step {
        private final Environment env;
        private final Map<String, String> variables;
        int failures;

        Step(Environment env, Map<String, String> variables) {
            this.env = env;
            this.variables = variables;
        }

        String run(String... args) {
            List<String> shown = new ArrayList<>();
            for (String a : args) {
                shown.add(a.startsWith("--") || a.matches("[A-Za-z0-9:.@_-]+") ? a : "\"" + a + "\"");
            }
            env.out.println("$ im " + String.join(" ", shown));
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            int code = Im.run(args, out, env.err, variables);
            String printed = captured.toString(StandardCharsets.UTF_8);
            env.out.print(printed);
            env.out.println();
            if (code != 0) {
                failures++;
            }
            return printed;
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the demo's result stands.
        }
    }
}
