package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child JVM of {@link H2FileSharingTest}: opens the H2 file store, declares one incident, says
 * "open" on standard output and keeps the file until its standard input ends.
 */
final class H2HoldChild {

    private H2HoldChild() {}

    public static void main(String[] args) throws Exception {
        try (JdbcEventStore store = JdbcEventStore.h2(Path.of(args[0]));
                IncidentManager incidents = IncidentKit.builder().store(store).build()) {
            incidents.declare(Declare.of("Held by the child", Severity.SEV3, "search"), as("child"));
            System.out.println("open");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Holds the file until the parent closes our standard input.
            }
        }
    }
}
