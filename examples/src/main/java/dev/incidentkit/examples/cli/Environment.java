package dev.incidentkit.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/** What {@code im} reads from and writes to its process: environment variables and the two streams. */
final class Environment {

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private final Map<String, String> variables;

    Environment(PrintStream out, PrintStream err, Map<String, String> variables) {
        this(InputStream.nullInputStream(), out, err, variables);
    }

    Environment(InputStream in, PrintStream out, PrintStream err, Map<String, String> variables) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.variables = Map.copyOf(variables);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    String osUser() {
        return System.getProperty("user.name", "unknown");
    }
}
