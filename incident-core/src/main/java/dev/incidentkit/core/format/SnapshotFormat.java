package dev.incidentkit.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Instants;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The snapshot JSON, version {@value #VERSION}: an {@link Incident} as a store keeps it beside
 * its events (the read model's summary), so that reading an incident costs one row, not a replay.
 * This class is its specification and reference implementation. The {@code incident} member of
 * {@link dev.incidentkit.core.export.JsonExport JsonExport}'s document is, today, this same
 * object; the export is versioned apart ({@code JsonExport.FORMAT_VERSION}), so that a new
 * version of this format does not change what the export publishes.
 *
 * <p><b>Writing.</b> One JSON object, written compactly (no whitespace), with every field below,
 * in this order, each name once. An absent optional value is {@code null}, never an absent
 * field. Text is written with the escaping of {@link EventDataFormat}: {@code "} and {@code \}
 * with a backslash, backspace, tab, newline, form feed and carriage return as {@code \b \t \n \f
 * \r}, other characters below U+0020 as {@code \}{@code u00xx} in lower-case hex, everything
 * else as it is. Instants are strings as {@link java.time.format.DateTimeFormatter#ISO_INSTANT}
 * prints them ({@code 2025-08-23T14:30:00Z}, {@code 2025-08-23T14:30:00.123456Z}); integers are
 * decimal numbers; booleans {@code true} and {@code false}.
 *
 * <ol>
 *   <li>{@code id}: the incident id;
 *   <li>{@code title}, {@code description}: text, the description possibly empty;
 *   <li>{@code severity}: the current one, {@code SEV-1} to {@code SEV-4};
 *   <li>{@code peak_severity}: the most severe it has been, likewise, never less severe than
 *       {@code severity};
 *   <li>{@code status}: the {@link Status#wireName() wire name}, {@code open} to {@code duplicate};
 *   <li>{@code service}: the primary service;
 *   <li>{@code correlated_services}: an array of services, in the order they were added;
 *   <li>{@code roles}: an object with exactly the members {@code commander}, {@code tech_lead} and
 *       {@code comms_lead}, in that order, each the holder's actor name or {@code null};
 *   <li>{@code war_room}: a boolean;
 *   <li>{@code declared_by}: an actor name;
 *   <li>{@code milestones}: an object of instants: {@code impact_started_at}, {@code
 *       detected_at}, {@code declared_at}, then, each possibly {@code null}, {@code
 *       acknowledged_at}, {@code identified_at}, {@code mitigated_at}, {@code resolved_at} and
 *       {@code closed_at};
 *   <li>{@code acknowledgement}: {@code null}, or the first acknowledgement as an object of
 *       {@code by} (an actor name), {@code at} (an instant) and {@code note} (text, possibly
 *       empty);
 *   <li>{@code last_update_at}: an instant;
 *   <li>{@code notes_count}: an integer, at least 0;
 *   <li>{@code action_items}: an array, in id order, of objects of {@code id} (an integer, at
 *       least 1), {@code text}, {@code owner} (an actor name or {@code null}), {@code due} (a date
 *       as {@link LocalDate#toString()} writes it, {@code 2025-09-01}, or {@code null}), {@code
 *       added_at} (an instant) and {@code completed_at} (an instant or {@code null});
 *   <li>{@code postmortem}: an object of seven strings, each possibly empty: {@code summary},
 *       {@code root_cause}, {@code contributing_factors}, {@code impact}, {@code went_well},
 *       {@code went_poorly} and {@code resolution};
 *   <li>{@code sla_breaches}: an array, in the order recorded, of objects of {@code kind} ({@code
 *       ack}, {@code resolve} or {@code update}), {@code target} (a duration as {@link
 *       Duration#toString()} writes it, {@code PT15M}), {@code deadline} and {@code breached_at}
 *       (instants);
 *   <li>{@code reopen_count}: an integer, at least 0;
 *   <li>{@code cancel_reason}: text or {@code null};
 *   <li>{@code duplicate_of}: an incident id or {@code null};
 *   <li>{@code version}: how many events the incident has, an integer, at least 1.
 * </ol>
 *
 * <p><b>Reading.</b> {@link #decode} reads what {@link #encode} writes and refuses anything else
 * with a {@link ValidationException} naming the field by its path, such as {@code
 * snapshot.milestones.declared_at} or {@code snapshot.action_items[0].owner}: a missing field,
 * a value of the wrong JSON type, a malformed instant, date or duration, an unknown severity,
 * status or kind, an actor name that is not one, text after the object. Unknown fields are
 * ignored. Text is not checked against the rules of commands: a snapshot is the fold of events
 * that were checked when they were written.
 *
 * <p><b>Versions.</b> The version is not written into the JSON: a store keeps it beside each
 * snapshot (a column of its summary table) and compares it to {@link #VERSION} before decoding.
 * A store that cannot read a snapshot (of another version, or damaged) folds that incident from
 * its events, which are the truth, and logs it; {@code IncidentManager.rebuildReadModel()}
 * rewrites such snapshots in this version. A change to what is written for an existing field, a
 * field added or removed, is a new version.
 *
 * @since 0.2.0
 */
public final class SnapshotFormat {

    /** The version of this format, which a store keeps beside each snapshot it writes. */
    public static final int VERSION = 1;

    /** The escaping of {@link EventDataFormat}, whatever Jackson's defaults. */
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String ROOT = "snapshot";

    private SnapshotFormat() {}

    /**
     * @param incident an incident
     * @return its snapshot, as compact JSON text on one line
     */
    public static String encode(Incident incident) {
        try {
            return WRITER.writeValueAsString(tree(incident));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always writes", e);
        }
    }

    private static ObjectNode tree(Incident i) {
        ObjectNode o = WRITER.createObjectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("description", i.description());
        o.put("severity", i.severity().toString());
        o.put("peak_severity", i.peakSeverity().toString());
        o.put("status", i.status().wireName());
        o.put("service", i.service());
        ArrayNode correlated = o.putArray("correlated_services");
        i.correlatedServices().forEach(correlated::add);
        ObjectNode roles = o.putObject("roles");
        for (Role role : Role.values()) {
            roles.put(roleField(role), i.role(role).map(Actor::name).orElse(null));
        }
        o.put("war_room", i.warRoom());
        o.put("declared_by", i.declaredBy().name());
        Milestones m = i.milestones();
        ObjectNode milestones = o.putObject("milestones");
        milestones.put("impact_started_at", m.impactStartedAt().toString());
        milestones.put("detected_at", m.detectedAt().toString());
        milestones.put("declared_at", m.declaredAt().toString());
        milestones.put("acknowledged_at", text(m.acknowledgedAt()));
        milestones.put("identified_at", text(m.identifiedAt()));
        milestones.put("mitigated_at", text(m.mitigatedAt()));
        milestones.put("resolved_at", text(m.resolvedAt()));
        milestones.put("closed_at", text(m.closedAt()));
        if (i.acknowledgement().isPresent()) {
            Acknowledgement a = i.acknowledgement().get();
            ObjectNode ack = o.putObject("acknowledgement");
            ack.put("by", a.by().name());
            ack.put("at", a.at().toString());
            ack.put("note", a.note());
        } else {
            o.putNull("acknowledgement");
        }
        o.put("last_update_at", i.lastUpdateAt().toString());
        o.put("notes_count", i.notesCount());
        ArrayNode items = o.putArray("action_items");
        for (ActionItem item : i.actionItems()) {
            ObjectNode a = items.addObject();
            a.put("id", item.id());
            a.put("text", item.text());
            a.put("owner", item.owner().map(Actor::name).orElse(null));
            a.put("due", text(item.due()));
            a.put("added_at", item.addedAt().toString());
            a.put("completed_at", text(item.completedAt()));
        }
        Postmortem p = i.postmortem();
        ObjectNode pm = o.putObject("postmortem");
        pm.put("summary", p.summary());
        pm.put("root_cause", p.rootCause());
        pm.put("contributing_factors", p.contributingFactors());
        pm.put("impact", p.impact());
        pm.put("went_well", p.wentWell());
        pm.put("went_poorly", p.wentPoorly());
        pm.put("resolution", p.resolution());
        ArrayNode breaches = o.putArray("sla_breaches");
        for (SlaBreach b : i.slaBreaches()) {
            ObjectNode s = breaches.addObject();
            s.put("kind", b.kind().wireName());
            s.put("target", b.target().toString());
            s.put("deadline", b.deadline().toString());
            s.put("breached_at", b.breachedAt().toString());
        }
        o.put("reopen_count", i.reopenCount());
        o.put("cancel_reason", i.cancelReason().orElse(null));
        o.put("duplicate_of", i.duplicateOf().orElse(null));
        o.put("version", i.version());
        return o;
    }

    /**
     * Reads a snapshot.
     *
     * @param json a snapshot, as {@link #encode} writes it
     * @return the incident
     * @throws ValidationException naming the field (its path from {@code snapshot}) when the text
     *     is not a snapshot of version {@value #VERSION}
     */
    public static Incident decode(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ValidationException(ROOT, "must be a JSON object (" + e.getOriginalMessage() + ")", json);
        }
        Fields o = Fields.of(ROOT, root);
        String id = o.string("id");
        String title = o.string("title");
        String description = o.string("description");
        Severity severity = o.parse("severity", SnapshotFormat::severity);
        Severity peak = o.parse("peak_severity", SnapshotFormat::severity);
        if (severity.isMoreSevereThan(peak)) {
            throw new ValidationException(o.path("peak_severity"), "must not be less severe than severity " + severity,
                    peak);
        }
        Status status = o.parse("status", SnapshotFormat::status);
        String service = o.string("service");
        List<String> correlated = new ArrayList<>();
        o.array("correlated_services").forEach(e -> correlated.add(e.text()));
        Fields r = o.object("roles");
        Map<Role, Actor> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            r.optionalActor(roleField(role)).ifPresent(a -> roles.put(role, a));
        }
        boolean warRoom = o.bool("war_room");
        Actor declaredBy = o.actor("declared_by");
        Fields m = o.object("milestones");
        Milestones milestones = new Milestones(m.instant("impact_started_at"), m.instant("detected_at"),
                m.instant("declared_at"), m.optionalInstant("acknowledged_at"), m.optionalInstant("identified_at"),
                m.optionalInstant("mitigated_at"), m.optionalInstant("resolved_at"), m.optionalInstant("closed_at"));
        Optional<Acknowledgement> acknowledgement = o.optionalObject("acknowledgement")
                .map(a -> new Acknowledgement(a.actor("by"), a.instant("at"), a.string("note")));
        Instant lastUpdateAt = o.instant("last_update_at");
        int notesCount = o.integer("notes_count", 0);
        List<ActionItem> items = new ArrayList<>();
        for (Element e : o.array("action_items")) {
            Fields a = e.object();
            items.add(new ActionItem(a.integer("id", 1), a.string("text"), a.optionalActor("owner"),
                    a.optionalString("due").map(d -> a.parse("due", LocalDate::parse)), a.instant("added_at"),
                    a.optionalInstant("completed_at")));
        }
        Fields p = o.object("postmortem");
        Postmortem postmortem = new Postmortem(p.string("summary"), p.string("root_cause"),
                p.string("contributing_factors"), p.string("impact"), p.string("went_well"), p.string("went_poorly"),
                p.string("resolution"));
        List<SlaBreach> breaches = new ArrayList<>();
        for (Element e : o.array("sla_breaches")) {
            Fields b = e.object();
            breaches.add(new SlaBreach(b.parse("kind", SnapshotFormat::kind), b.parse("target", Duration::parse),
                    b.instant("deadline"), b.instant("breached_at")));
        }
        int reopenCount = o.integer("reopen_count", 0);
        Optional<String> cancelReason = o.optionalString("cancel_reason");
        Optional<String> duplicateOf = o.optionalString("duplicate_of");
        long version = o.version("version");
        return new Incident(id, title, description, severity, peak, status, service, correlated, roles, warRoom,
                declaredBy, milestones, acknowledgement, lastUpdateAt, notesCount, items, postmortem, breaches,
                reopenCount, cancelReason, duplicateOf, version);
    }

    /** {@code commander}, {@code tech_lead}, {@code comms_lead}: snake_case like every other name here. */
    private static String roleField(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }

    // Exact spellings only: the lenient parsers of commands (Severity.parse takes "p1") would let
    // two texts mean one snapshot.

    private static Severity severity(String text) {
        for (Severity s : Severity.values()) {
            if (s.toString().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of SEV-1, SEV-2, SEV-3, SEV-4");
    }

    private static Status status(String text) {
        for (Status s : Status.values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of open, acknowledged, investigating, identified, mitigated, "
                + "resolved, closed, canceled, duplicate");
    }

    private static SlaKind kind(String text) {
        for (SlaKind k : SlaKind.values()) {
            if (k.wireName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("must be one of ack, resolve, update");
    }

    /** One element of an array, named by its index. */
    private record Element(String path, JsonNode node) {
        String text() {
            if (!node.isTextual()) {
                throw new ValidationException(path, "must be a string", node);
            }
            return node.textValue();
        }

        Fields object() {
            return Fields.of(path, node);
        }
    }

    /** The members of one object, each failure naming its path from the root. */
    private record Fields(String path, ObjectNode node) {

        static Fields of(String path, JsonNode node) {
            if (!(node instanceof ObjectNode object)) {
                throw new ValidationException(path, "must be a JSON object", node);
            }
            return new Fields(path, object);
        }

        String path(String name) {
            return path + "." + name;
        }

        /** The member, which must be present (perhaps {@code null}). */
        private JsonNode member(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                throw new ValidationException(path(name), "is missing", "nothing");
            }
            return v;
        }

        String string(String name) {
            JsonNode v = member(name);
            if (!v.isTextual()) {
                throw new ValidationException(path(name), "must be a string", v);
            }
            return v.textValue();
        }

        Optional<String> optionalString(String name) {
            return member(name).isNull() ? Optional.empty() : Optional.of(string(name));
        }

        boolean bool(String name) {
            JsonNode v = member(name);
            if (!v.isBoolean()) {
                throw new ValidationException(path(name), "must be true or false", v);
            }
            return v.booleanValue();
        }

        int integer(String name, int min) {
            JsonNode v = member(name);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
                throw new ValidationException(path(name), "must be an integer of at least " + min, v);
            }
            return v.intValue();
        }

        long version(String name) {
            JsonNode v = member(name);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
                throw new ValidationException(path(name), "must be an integer of at least 1", v);
            }
            return v.longValue();
        }

        <T> T parse(String name, Function<String, T> parser) {
            String raw = string(name);
            try {
                return parser.apply(raw);
            } catch (ValidationException e) {
                throw new ValidationException(path(name), e.rule(), raw);
            } catch (DateTimeException | IllegalArgumentException e) {
                String why = String.valueOf(e.getMessage());
                throw new ValidationException(path(name), why.startsWith("must ") ? why : "is malformed (" + why + ")",
                        raw);
            }
        }

        Instant instant(String name) {
            return parse(name, Instants::parse);
        }

        Optional<Instant> optionalInstant(String name) {
            return member(name).isNull() ? Optional.empty() : Optional.of(instant(name));
        }

        Actor actor(String name) {
            return parse(name, Actor::of);
        }

        Optional<Actor> optionalActor(String name) {
            return member(name).isNull() ? Optional.empty() : Optional.of(actor(name));
        }

        Fields object(String name) {
            return of(path(name), member(name));
        }

        Optional<Fields> optionalObject(String name) {
            return member(name).isNull() ? Optional.empty() : Optional.of(object(name));
        }

        List<Element> array(String name) {
            JsonNode v = member(name);
            if (!v.isArray()) {
                throw new ValidationException(path(name), "must be an array", v);
            }
            List<Element> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(new Element(path(name) + "[" + i + "]", v.get(i)));
            }
            return out;
        }
    }
}
