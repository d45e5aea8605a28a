package dev.incidentkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PostmortemUpdated;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * Event data to and from its JSON form: snake_case fields in a fixed order, so that the same
 * event always gives the same bytes (the hash chain is computed over them). Hand-written rather
 * than reflective: the wire format is a contract and should read as one.
 */
public final class EventData {

    /** Strict: text after the data object ({@code {..} garbage}, {@code {..}{..}}) is not event data. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventData() {}

    /** @return the event's data as compact JSON */
    public static String encode(IncidentEvent event) {
        JsonObjectWriter g = JsonObjectWriter.start();
        write(g, event);
        return g.finish();
    }

    private static void write(JsonObjectWriter g, IncidentEvent event) {
        if (event instanceof Declared) {
            Declared d = (Declared) event;
            g.writeStringField("incident_id", d.incidentId());
            g.writeStringField("title", d.title());
            g.writeStringField("severity", d.severity().toString());
            g.writeStringField("service", d.service());
            g.writeStringField("status", d.status().wireName());
            g.writeStringField("description", d.description());
            g.writeStringField("impact_started_at", Instants.iso(d.impactStartedAt()));
            g.writeStringField("detected_at", Instants.iso(d.detectedAt()));
            g.writeBooleanField("war_room", d.warRoom());
        } else if (event instanceof Acknowledged) {
            Acknowledged a = (Acknowledged) event;
            g.writeStringField("note", a.note());
            if (a.role().isPresent()) {
                g.writeStringField("role", a.role().get().wireName());
            }
        } else if (event instanceof StatusChanged) {
            StatusChanged c = (StatusChanged) event;
            g.writeStringField("from", c.from().wireName());
            g.writeStringField("to", c.to().wireName());
            g.writeStringField("note", c.note());
        } else if (event instanceof NoteAdded) {
            g.writeStringField("note", ((NoteAdded) event).note());
        } else if (event instanceof SeverityChanged) {
            SeverityChanged c = (SeverityChanged) event;
            g.writeStringField("from", c.from().toString());
            g.writeStringField("to", c.to().toString());
            g.writeStringField("note", c.note());
        } else if (event instanceof ServiceCorrelated) {
            ServiceCorrelated c = (ServiceCorrelated) event;
            g.writeStringField("service", c.service());
            g.writeStringField("note", c.note());
        } else if (event instanceof RoleAssigned) {
            RoleAssigned r = (RoleAssigned) event;
            g.writeStringField("role", r.role().wireName());
            g.writeStringField("assignee", r.assignee().name());
        } else if (event instanceof ActionItemAdded) {
            ActionItemAdded a = (ActionItemAdded) event;
            g.writeNumberField("item_id", a.itemId());
            g.writeStringField("text", a.text());
            if (a.owner().isPresent()) {
                g.writeStringField("owner", a.owner().get().name());
            }
            if (a.due().isPresent()) {
                g.writeStringField("due", a.due().get().toString());
            }
        } else if (event instanceof ActionItemCompleted) {
            ActionItemCompleted c = (ActionItemCompleted) event;
            g.writeNumberField("item_id", c.itemId());
            g.writeStringField("note", c.note());
        } else if (event instanceof PostmortemUpdated) {
            PostmortemUpdate u = ((PostmortemUpdated) event).changes();
            writeIfPresent(g, "summary", u.summary());
            writeIfPresent(g, "root_cause", u.rootCause());
            writeIfPresent(g, "contributing_factors", u.contributingFactors());
            writeIfPresent(g, "impact", u.impact());
            writeIfPresent(g, "went_well", u.wentWell());
            writeIfPresent(g, "went_poorly", u.wentPoorly());
            writeIfPresent(g, "resolution", u.resolution());
        } else if (event instanceof SlaBreached) {
            SlaBreached b = (SlaBreached) event;
            g.writeStringField("kind", b.kind().wireName());
            g.writeStringField("target", b.target().toString());
            g.writeStringField("deadline", Instants.iso(b.deadline()));
        } else if (event instanceof Canceled) {
            g.writeStringField("reason", ((Canceled) event).reason());
        } else if (event instanceof MarkedDuplicate) {
            MarkedDuplicate m = (MarkedDuplicate) event;
            g.writeStringField("duplicate_of", m.duplicateOf());
            g.writeStringField("note", m.note());
        } else {
            throw new IllegalStateException("unhandled event " + event);
        }
    }

    private static void writeIfPresent(JsonObjectWriter g, String field, Optional<String> value) {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }

    /**
     * Reads event data written by {@link #encode}, checking it as strictly as a command's input.
     *
     * @throws ValidationException naming the field when the data is malformed or does not fit
     *     the type
     */
    public static IncidentEvent decode(String type, int schemaVersion, String json) {
        if (schemaVersion != IncidentEvent.SCHEMA_VERSION) {
            throw new ValidationException("schemaVersion", "must be " + IncidentEvent.SCHEMA_VERSION, schemaVersion);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ValidationException("data", "must be a JSON object (" + e.getOriginalMessage() + ")", json);
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("data", "must be a JSON object", json);
        }
        Fields f = new Fields((ObjectNode) root);
        IncidentEvent event = read(type, f);
        if (!event.type().equals(type)) {
            throw new ValidationException("type", "does not match its data, which describes " + event.type(), type);
        }
        return event;
    }

    private static IncidentEvent read(String type, Fields f) {
        switch (type) {
            case EventTypes.DECLARED: {
                String title = Validation.singleLine("data.title", f.text("title"), 1, Validation.MAX_TITLE);
                Status status = f.parse("status", Status::parse);
                if (status != Status.OPEN) {
                    throw new ValidationException("data.status", "must be open in incident.declared", status);
                }
                return new Declared(
                        Validation.singleLine("data.incident_id", f.text("incident_id"), 1, Validation.MAX_INCIDENT_ID),
                        title,
                        f.parse("severity", Severity::parse),
                        Validation.service("data.service", f.text("service")),
                        status,
                        Validation.note("data.description", f.text("description")),
                        f.instant("impact_started_at"),
                        f.instant("detected_at"),
                        f.bool("war_room"));
            }
            case EventTypes.ACKNOWLEDGED:
                return new Acknowledged(f.note("note"), f.optionalText("role").map(r -> f.parse("role", Role::parse)));
            case EventTypes.INVESTIGATING:
            case EventTypes.IDENTIFIED:
            case EventTypes.MITIGATED:
            case EventTypes.RESOLVED:
            case EventTypes.CLOSED:
            case EventTypes.REOPENED:
                return statusChanged(type, f);
            case EventTypes.NOTE_ADDED:
                return new NoteAdded(Validation.text("data.note", f.text("note"), 1, Validation.MAX_TEXT));
            case EventTypes.SEVERITY_CHANGED:
                return new SeverityChanged(f.parse("from", Severity::parse), f.parse("to", Severity::parse), f.note("note"));
            case EventTypes.SERVICE_CORRELATED:
                return new ServiceCorrelated(Validation.service("data.service", f.text("service")), f.note("note"));
            case EventTypes.ROLE_ASSIGNED:
                return new RoleAssigned(f.parse("role", Role::parse), f.parse("assignee", Actor::of));
            case EventTypes.ACTION_ITEM_ADDED:
                return new ActionItemAdded(
                        f.itemId(),
                        Validation.text("data.text", f.text("text"), 1, Validation.MAX_TEXT),
                        f.optionalText("owner").map(o -> f.parse("owner", Actor::of)),
                        f.optionalText("due").map(d -> f.parse("due", LocalDate::parse)));
            case EventTypes.ACTION_ITEM_COMPLETED:
                return new ActionItemCompleted(f.itemId(), f.note("note"));
            case EventTypes.POSTMORTEM_UPDATED:
                return new PostmortemUpdated(new PostmortemUpdate(
                        f.optionalNote("summary"),
                        f.optionalNote("root_cause"),
                        f.optionalNote("contributing_factors"),
                        f.optionalNote("impact"),
                        f.optionalNote("went_well"),
                        f.optionalNote("went_poorly"),
                        f.optionalNote("resolution")));
            case EventTypes.SLA_BREACHED:
                return new SlaBreached(f.parse("kind", SlaKind::parse), f.parse("target", Duration::parse), f.instant("deadline"));
            case EventTypes.CANCELED:
                return new Canceled(Validation.text("data.reason", f.text("reason"), 1, Validation.MAX_TEXT));
            case EventTypes.MARKED_DUPLICATE:
                return new MarkedDuplicate(
                        Validation.singleLine("data.duplicate_of", f.text("duplicate_of"), 1, Validation.MAX_INCIDENT_ID),
                        f.note("note"));
            default:
                throw new ValidationException("type", "must be one of " + EventTypes.ALL, type);
        }
    }

    /**
     * A status change whose {@code to} is the status its type names (investigating for a reopen)
     * and whose {@code from} makes it a reopen exactly when the type says so. Checked here, as a
     * {@link ValidationException}, because {@link StatusChanged#type()} cannot name a type for
     * every pair of statuses.
     */
    private static StatusChanged statusChanged(String type, Fields f) {
        Status from = f.parse("from", Status::parse);
        Status to = f.parse("to", Status::parse);
        Status expected;
        switch (type) {
            case EventTypes.INVESTIGATING: expected = Status.INVESTIGATING; break;
            case EventTypes.IDENTIFIED: expected = Status.IDENTIFIED; break;
            case EventTypes.MITIGATED: expected = Status.MITIGATED; break;
            case EventTypes.RESOLVED: expected = Status.RESOLVED; break;
            case EventTypes.CLOSED: expected = Status.CLOSED; break;
            default: expected = Status.INVESTIGATING; break;
        }
        if (to != expected) {
            throw new ValidationException("data.to", "must be " + expected.wireName() + " in " + type, to.wireName());
        }
        StatusChanged change = new StatusChanged(from, to, f.note("note"));
        if (!change.type().equals(type)) {
            throw new ValidationException("data.from", EventTypes.REOPENED.equals(type)
                    ? "must be resolved, closed, canceled or duplicate in " + type
                    : "must be open, acknowledged, investigating, identified or mitigated in " + type, from.wireName());
        }
        return change;
    }

    /** Typed access to the fields of one data object, each failure naming its field. */
    private static final class Fields {
        private final ObjectNode node;

        Fields(ObjectNode node) {
            this.node = node;
        }

        String text(String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.isTextual()) {
                throw new ValidationException("data." + name, "must be a string", v == null ? "nothing" : v);
            }
            return v.textValue();
        }

        Optional<String> optionalText(String name) {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? Optional.empty() : Optional.of(text(name));
        }

        String note(String name) {
            return Validation.note("data." + name, text(name));
        }

        Optional<String> optionalNote(String name) {
            return optionalText(name).map(t -> Validation.note("data." + name, t));
        }

        boolean bool(String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.isBoolean()) {
                throw new ValidationException("data." + name, "must be true or false", v == null ? "nothing" : v);
            }
            return v.booleanValue();
        }

        int itemId() {
            JsonNode v = node.get("item_id");
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
                throw new ValidationException("data.item_id", "must be a positive integer", v == null ? "nothing" : v);
            }
            return v.intValue();
        }

        Instant instant(String name) {
            return Validation.instant("data." + name, parse(name, Instant::parse));
        }

        <T> T parse(String name, Function<String, T> parser) {
            String raw = text(name);
            try {
                return parser.apply(raw);
            } catch (ValidationException e) {
                throw new ValidationException("data." + name, e.rule(), raw);
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new ValidationException("data." + name, "is malformed (" + e.getMessage() + ")", raw);
            }
        }
    }
}
