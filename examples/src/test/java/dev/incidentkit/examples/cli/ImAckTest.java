package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** {@code im ack} says what it recorded: an acknowledgment, a responder joining with a role, or nothing. */
class ImAckTest {

    private final String db = "jdbc:h2:mem:ack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    record Run(int exitCode, String out, String err) {}

    private Run im(String user, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Im.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("IM_DB", db, "IM_USER", user));
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    /** The incident as the store has it, read without {@code im}'s printing. */
    private Incident stored(String id) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(db, "sa", "");
        try (IncidentManager incidents = IncidentKit.builder().store(JdbcEventStore.builder(pool).build()).build()) {
            return incidents.get(id);
        } finally {
            pool.dispose();
        }
    }

    @Test
    void ackWithARoleJoinsAndSaysSo() {
        Run declared = im("alice", "declare", "--sev", "SEV-2", "--title", "Checkout latency", "--service", "checkout");
        String id = declared.out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");

        Run acked = im("alice", "ack", "--incident", id, "--note", "on it");
        Run commander = im("alice", "ack", "--incident", id, "--note", "on it", "--role", "commander");
        Run techLead = im("bob", "ack", "--incident", id, "--role", "tech-lead", "--note", "looking at the database");
        Run again = im("bob", "ack", "--incident", id, "--role", "tech-lead");
        Run noRole = im("carol", "ack", "--incident", id);

        assertThat(acked).isEqualTo(new Run(0, "Incident " + id + " acknowledged by alice", ""));
        assertThat(commander).isEqualTo(new Run(0, "alice joined incident " + id + " as commander", ""));
        assertThat(techLead).isEqualTo(new Run(0, "bob joined incident " + id + " as tech-lead", ""));
        assertThat(again).isEqualTo(new Run(0, "Nothing changed: bob already holds the role tech-lead in " + id, ""));
        assertThat(noRole.exitCode()).isEqualTo(4);
        assertThat(noRole.err()).contains("already acknowledged by alice", "with a role");
        Incident incident = stored(id);
        assertThat(incident.role(Role.COMMANDER)).contains(Actor.of("alice"));
        assertThat(incident.role(Role.TECH_LEAD)).contains(Actor.of("bob"));
        assertThat(incident.acknowledgement().map(a -> a.by())).contains(Actor.of("alice"));
        assertThat(incident.version()).isEqualTo(5);
    }
}
