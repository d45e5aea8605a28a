package dev.incidentkit.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code im} in the test's JVM, for checks that need no separate process: faster than {@link ImProcess}. */
final class ImInProcess {

    private final Map<String, String> variables;

    ImInProcess(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    ImProcess.Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code im args...} with {@code input} on its standard input. */
    ImProcess.Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Im.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), variables);
        return new ImProcess.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
