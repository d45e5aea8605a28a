package dev.incidentkit.examples.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A notifier plugin: appends one JSON line per notification to an audit file, for a compliance
 * team that wants its own copy of every incident event.
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/dev.incidentkit.notify.spi.Notifier}, so a host only calls {@code
 * IncidentKit.builder().discoverNotifiers()}. The file is the system property {@code
 * incidentkit.audit.file}, else the environment variable {@code INCIDENTKIT_AUDIT_FILE}, else
 * {@code incidentkit-audit.jsonl} in the working folder. A line carries the CloudEvent id, so a
 * reader can drop the duplicates that at-least-once delivery may bring.
 */
public final class AuditFileNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** The constructor {@link java.util.ServiceLoader} calls: the file comes from the configuration. */
    public AuditFileNotifier() {
        this(Path.of(configured()));
    }

    /**
     * @param file where to append the lines
     */
    public AuditFileNotifier(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    private static String configured() {
        String property = System.getProperty("incidentkit.audit.file");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv("INCIDENTKIT_AUDIT_FILE");
        return variable != null && !variable.isBlank() ? variable : "incidentkit-audit.jsonl";
    }

    @Override
    public String name() {
        return "audit-file";
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        try {
            Files.writeString(file, line(n) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return DeliveryResult.delivered();
        } catch (IOException e) {
            // A full disk or a missing folder may heal: let the dispatcher retry with backoff.
            return DeliveryResult.retryLater("cannot append to " + file + ": " + e.getMessage());
        }
    }

    /** One notification as a JSON object on one line; Jackson escapes whatever the user typed. */
    static String line(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.id());
        o.put("type", n.type());
        o.put("incident_id", n.incidentId());
        o.put("severity", n.severity());
        o.put("status", n.status());
        o.put("service", n.service());
        o.put("title", n.title());
        o.put("actor", n.actor());
        o.put("note", n.note().orElse(""));
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }
}
