package dev.incidentkit.core.oncall;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads {@link OnCallConfig}'s format. The document is parsed once with Jackson's streaming
 * parser into a tree, noting where each value and each field name starts, so that every error can
 * name its line, column and path; then the tree is read into the value classes, whose own checks
 * (IllegalArgumentException naming a field) are reported at the place of that field.
 */
final class ConfigReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final Map<String, JsonLocation> values = new HashMap<>();
    private final Map<String, JsonLocation> names = new HashMap<>();

    private ConfigReader(String source) {
        this.source = source;
    }

    static OnCallConfig read(String text, String source) {
        ConfigReader r = new ConfigReader(source);
        JsonNode root = r.parse(text, "an on-call configuration is a JSON object such as {\"version\": 1}");
        return r.config(root);
    }

    /** One schedule, alone: as in the document's {@code schedules}, paths from its root. */
    static Schedule schedule(String text, String source) {
        ConfigReader r = new ConfigReader(source);
        return r.schedule(r.parse(text, "a schedule is a JSON object"), "");
    }

    /** One override, alone: as in a schedule's {@code overrides}, paths from its root. */
    static ScheduleOverride override(String text, String source) {
        ConfigReader r = new ConfigReader(source);
        return r.override(r.parse(text, "an override is a JSON object"), "");
    }

    /** One person, alone: as in the document's {@code people}, paths from its root. */
    static Person person(String text, String source) {
        ConfigReader r = new ConfigReader(source);
        return r.person(r.parse(text, "a person is a JSON object"), "");
    }

    /** One policy and its services, alone: as in the document's {@code policies}, targets among {@code schedules}. */
    static OnCallConfig.RoutedPolicy policy(String text, String source, Map<String, Schedule> schedules) {
        ConfigReader r = new ConfigReader(source);
        return r.policy(r.parse(text, "a policy is a JSON object"), "", schedules);
    }

    // ---- parsing, with locations ----

    private JsonNode parse(String text, String expected) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new OnCallConfigException(source, 1, 1, "", "is empty; " + expected);
            }
            JsonNode root = node(p, "");
            if (p.nextToken() != null) {
                throw at(p.currentTokenLocation(), "", "must hold one JSON object; something follows its closing brace");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new OnCallConfigException(source, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
                    "is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode node(JsonParser p, String path) throws IOException {
        values.put(path, p.currentTokenLocation());
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (o.has(name)) {
                        throw at(p.currentTokenLocation(), child, "is given twice");
                    }
                    names.put(child, p.currentTokenLocation());
                    p.nextToken();
                    o.set(name, node(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    a.add(node(p, path + "[" + i + "]"));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(p.getBooleanValue());
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    // ---- errors ----

    private OnCallConfigException at(JsonLocation l, String path, String problem) {
        return new OnCallConfigException(source, l.getLineNr(), l.getColumnNr(), path, problem);
    }

    /** An error about the value at {@code path} (or, if it is absent, about the object that lacks it). */
    private OnCallConfigException bad(String path, String problem) {
        String p = path;
        while (!values.containsKey(p) && !p.isEmpty()) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        JsonLocation l = values.get(p);
        return l == null ? new OnCallConfigException(source, 0, 0, path, problem) : at(l, path, problem);
    }

    private static String shown(JsonNode n) {
        String s = n.isTextual() ? n.textValue() : n.toString();
        return Checks.bad("", "", s).getMessage().substring(" , got ".length());
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }

    /**
     * Runs a value class's constructor; its IllegalArgumentException, which starts with the field it
     * is about, is reported at that field of {@code path} when the object has it, else at {@code path}.
     */
    private <T> T checked(String path, JsonNode object, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int space = message.indexOf(' ');
            String field = space < 0 ? "" : message.substring(0, space);
            if (!field.isEmpty() && object.has(field)) {
                throw bad(child(path, field), message.substring(space + 1));
            }
            throw bad(path, message);
        }
    }

    // ---- typed access ----

    private ObjectNode object(JsonNode n, String path, String what, String... fields) {
        if (!n.isObject()) {
            throw bad(path, "must be an object (" + what + "), got " + kind(n));
        }
        Set<String> allowed = Set.of(fields);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                String child = path.isEmpty() ? name : path + "." + name;
                throw at(names.get(child), child, "is not a field of " + what + " (its fields: " + String.join(", ", fields) + ")");
            }
        }
        return (ObjectNode) n;
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode required(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            throw bad(path, "lacks the required field \"" + field + "\"");
        }
        if (n.isNull()) {
            throw bad(child(path, field), "must not be null");
        }
        return n;
    }

    private Optional<JsonNode> optional(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        if (n != null && n.isNull()) {
            throw bad(child(path, field), "must not be null");
        }
        return Optional.ofNullable(n);
    }

    private String text(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw bad(path, "must be a string, got " + kind(n));
        }
        return n.textValue();
    }

    private <T> T parsed(JsonNode n, String path, String rule, Function<String, T> parse) {
        String s = text(n, path);
        try {
            return parse.apply(s);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw bad(path, rule + ", got " + shown(n));
        }
    }

    private int integer(JsonNode n, String path, int min, int max) {
        if (!n.isIntegralNumber() || n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) < 0
                || n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw bad(path, "must be a whole number from " + min + " to " + max + ", got " + shown(n));
        }
        return n.intValue();
    }

    private <E extends Enum<E>> E constant(JsonNode n, String path, Class<E> type) {
        E[] all = type.getEnumConstants();
        String s = text(n, path);
        for (E e : all) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw bad(path, "must be one of " + Arrays.stream(all).map(Enum::name).collect(Collectors.joining(", ")) + ", got " + shown(n));
    }

    private List<JsonNode> array(JsonNode n, String path) {
        if (!n.isArray()) {
            throw bad(path, "must be an array, got " + kind(n));
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private <T> List<T> list(ObjectNode o, String path, String field, boolean required, Item<T> item) {
        Optional<JsonNode> n = required ? Optional.of(required(o, path, field)) : optional(o, path, field);
        List<T> out = new ArrayList<>();
        if (n.isPresent()) {
            List<JsonNode> items = array(n.get(), child(path, field));
            for (int i = 0; i < items.size(); i++) {
                out.add(item.read(items.get(i), child(path, field) + "[" + i + "]"));
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Item<T> {
        T read(JsonNode n, String path);
    }

    private Instant instant(JsonNode n, String path) {
        return parsed(n, path, "must be an ISO-8601 instant such as 2026-03-02T09:00:00Z",
                s -> java.time.OffsetDateTime.parse(s).toInstant());
    }

    private ZoneId zone(JsonNode n, String path) {
        return parsed(n, path, "must be an IANA zone id such as Europe/Berlin", ZoneId::of);
    }

    private Duration duration(JsonNode n, String path) {
        return parsed(n, path, "must be an ISO-8601 duration such as PT5M", Duration::parse);
    }

    private LocalTime time(JsonNode n, String path) {
        return parsed(n, path, "must be a time such as 09:00", LocalTime::parse);
    }

    // ---- the document ----

    private OnCallConfig config(JsonNode root) {
        ObjectNode o = object(root, "", "an on-call configuration", "version", "schedules", "policies", "people");
        JsonNode version = required(o, "", "version");
        if (!version.isIntegralNumber() || version.bigIntegerValue().intValue() != OnCallConfig.VERSION
                || version.bigIntegerValue().bitLength() > 31) {
            throw bad("version", "must be " + OnCallConfig.VERSION + " (the only version of the format this library reads), got "
                    + shown(version));
        }
        List<Schedule> schedules = list(o, "", "schedules", false, this::schedule);
        Map<String, Schedule> byId = new LinkedHashMap<>();
        for (int i = 0; i < schedules.size(); i++) {
            if (byId.put(schedules.get(i).id(), schedules.get(i)) != null) {
                throw bad("schedules[" + i + "].id", "is the id of an earlier schedule, got " + shown(NODES.textNode(schedules.get(i).id())));
            }
        }
        List<OnCallConfig.RoutedPolicy> policies = list(o, "", "policies", false, (n, p) -> policy(n, p, byId));
        Map<String, EscalationPolicy> policyIds = new LinkedHashMap<>();
        Map<String, String> services = new LinkedHashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            EscalationPolicy policy = policies.get(i).policy();
            if (policyIds.put(policy.id(), policy) != null) {
                throw bad("policies[" + i + "].id", "is the id of an earlier policy, got " + shown(NODES.textNode(policy.id())));
            }
            List<String> routed = policies.get(i).services();
            for (int j = 0; j < routed.size(); j++) {
                String before = services.putIfAbsent(routed.get(j), policy.id());
                if (before != null) {
                    throw bad("policies[" + i + "].services[" + j + "]", "is routed to policy " + shown(NODES.textNode(before))
                            + " already; a service has one policy, got " + shown(NODES.textNode(routed.get(j))));
                }
            }
        }
        List<Person> people = list(o, "", "people", false, this::person);
        Map<String, Person> personIds = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            if (personIds.put(people.get(i).id(), people.get(i)) != null) {
                throw bad("people[" + i + "].id", "is the id of an earlier person, got " + shown(NODES.textNode(people.get(i).id())));
            }
        }
        return OnCallConfig.of(schedules, policyIds.values(), people, services);
    }

    private Person person(JsonNode n, String path) {
        ObjectNode o = object(n, path, "a person", "id", "name", "contacts");
        String id = text(required(o, path, "id"), child(path, "id"));
        String name = text(required(o, path, "name"), child(path, "name"));
        List<ContactMethod> contacts = list(o, path, "contacts", false, (c, p) -> {
            ObjectNode co = object(c, p, "a contact method", "kind", "address");
            String kind = text(required(co, p, "kind"), child(p, "kind"));
            String address = text(required(co, p, "address"), child(p, "address"));
            return checked(p, co, () -> new ContactMethod(kind, address));
        });
        Set<String> kinds = new java.util.HashSet<>();
        for (int i = 0; i < contacts.size(); i++) {
            if (!kinds.add(contacts.get(i).kind())) {
                throw bad(child(path, "contacts") + "[" + i + "].kind", "is the kind of an earlier contact method; a person has one"
                        + " of each kind, got " + shown(NODES.textNode(contacts.get(i).kind())));
            }
        }
        return checked(path, o, () -> new Person(id, name, contacts));
    }

    private Schedule schedule(JsonNode n, String path) {
        ObjectNode o = object(n, path, "a schedule", "id", "name", "zone", "layers", "overrides", "temporarySchedules");
        String id = text(required(o, path, "id"), child(path, "id"));
        String name = text(required(o, path, "name"), child(path, "name"));
        ZoneId zone = zone(required(o, path, "zone"), child(path, "zone"));
        List<Layer> layers = list(o, path, "layers", false, (l, p) -> layer(l, p, zone));
        List<ScheduleOverride> overrides = list(o, path, "overrides", false, this::override);
        List<TemporarySchedule> temporary = list(o, path, "temporarySchedules", false, this::temporary);
        return checked(path, o, () -> new Schedule(id, name, zone, layers, overrides, temporary));
    }

    private Layer layer(JsonNode n, String path, ZoneId scheduleZone) {
        ObjectNode o = object(n, path, "a layer", "name", "rotation", "restrictions");
        String name = text(required(o, path, "name"), child(path, "name"));
        Rotation rotation = rotation(required(o, path, "rotation"), child(path, "rotation"), name, scheduleZone);
        List<Restriction> restrictions = list(o, path, "restrictions", false, this::restriction);
        return checked(path, o, () -> new Layer(name, rotation, restrictions));
    }

    private Rotation rotation(JsonNode n, String path, String layerName, ZoneId scheduleZone) {
        ObjectNode o = object(n, path, "a rotation", "name", "kind", "shiftLength", "start", "zone", "participants");
        String name = optional(o, path, "name").map(x -> text(x, child(path, "name"))).orElse(layerName);
        Rotation.Kind kind = constant(required(o, path, "kind"), child(path, "kind"), Rotation.Kind.class);
        int length = optional(o, path, "shiftLength").map(x -> integer(x, child(path, "shiftLength"), 1, 10_000)).orElse(1);
        LocalDateTime start = parsed(required(o, path, "start"), child(path, "start"),
                "must be a local date-time such as 2026-03-02T09:00", LocalDateTime::parse);
        ZoneId zone = optional(o, path, "zone").map(x -> zone(x, child(path, "zone"))).orElse(scheduleZone);
        List<String> participants = list(o, path, "participants", true, this::text);
        return checked(path, o, () -> new Rotation(name, kind, length, start, zone, participants));
    }

    private Restriction restriction(JsonNode n, String path) {
        ObjectNode o = object(n, path, "a restriction", "days", "start", "length");
        List<DayOfWeek> days = list(o, path, "days", true, (d, p) -> constant(d, p, DayOfWeek.class));
        LocalTime start = time(required(o, path, "start"), child(path, "start"));
        Duration length = duration(required(o, path, "length"), child(path, "length"));
        return checked(path, o, () -> new Restriction(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days), start, length));
    }

    private ScheduleOverride override(JsonNode n, String path) {
        ObjectNode o = object(n, path, "an override", "kind", "person", "replacement", "start", "end");
        ScheduleOverride.Kind kind = constant(required(o, path, "kind"), child(path, "kind"), ScheduleOverride.Kind.class);
        String person = text(required(o, path, "person"), child(path, "person"));
        Optional<String> replacement = optional(o, path, "replacement").map(x -> text(x, child(path, "replacement")));
        if (kind == ScheduleOverride.Kind.REPLACE && replacement.isEmpty()) {
            throw bad(path, "lacks the field \"replacement\", which a REPLACE override needs");
        }
        Instant start = instant(required(o, path, "start"), child(path, "start"));
        Instant end = instant(required(o, path, "end"), child(path, "end"));
        return checked(path, o, () -> new ScheduleOverride(kind, person, replacement, start, end));
    }

    private TemporarySchedule temporary(JsonNode n, String path) {
        ObjectNode o = object(n, path, "a temporary schedule", "start", "end", "slots");
        Instant start = instant(required(o, path, "start"), child(path, "start"));
        Instant end = instant(required(o, path, "end"), child(path, "end"));
        List<TemporarySchedule.Slot> slots = list(o, path, "slots", true, (s, p) -> {
            ObjectNode so = object(s, p, "a slot", "person", "start", "end");
            String person = text(required(so, p, "person"), child(p, "person"));
            Instant b = instant(required(so, p, "start"), child(p, "start"));
            Instant e = instant(required(so, p, "end"), child(p, "end"));
            return checked(p, so, () -> new TemporarySchedule.Slot(person, b, e));
        });
        return checked(path, o, () -> new TemporarySchedule(start, end, slots));
    }

    private OnCallConfig.RoutedPolicy policy(JsonNode n, String path, Map<String, Schedule> schedules) {
        ObjectNode o = object(n, path, "a policy", "id", "name", "services", "calendar", "levels", "repeat", "coverage");
        String id = text(required(o, path, "id"), child(path, "id"));
        String name = text(required(o, path, "name"), child(path, "name"));
        List<String> services = list(o, path, "services", false, (s, p) -> {
            String service = text(s, p);
            try {
                return Checks.name("service", service);
            } catch (IllegalArgumentException e) {
                throw bad(p, e.getMessage().substring("service ".length()));
            }
        });
        for (int i = 0; i < services.size(); i++) {
            if (services.subList(0, i).contains(services.get(i))) {
                throw bad(child(path, "services") + "[" + i + "]", "is listed twice, got " + shown(NODES.textNode(services.get(i))));
            }
        }
        BusinessCalendar calendar = calendar(required(o, path, "calendar"), child(path, "calendar"));
        List<EscalationLevel> levels = list(o, path, "levels", true, (l, p) -> level(l, p, schedules));
        EscalationPolicy.Repeat repeat = optional(o, path, "repeat").map(r -> repeat(r, child(path, "repeat")))
                .orElse(EscalationPolicy.Repeat.none());
        EscalationPolicy.Builder b = checked(path, o, () -> EscalationPolicy.builder(id, name, calendar));
        levels.forEach(b::level);
        b.repeat(repeat);
        optional(o, path, "coverage").ifPresent(c -> {
            String cp = child(path, "coverage");
            ObjectNode co = object(c, cp, "a coverage", Arrays.stream(Severity.values()).map(Enum::name).toArray(String[]::new));
            co.fields().forEachRemaining(e -> b.coverage(Severity.valueOf(e.getKey()),
                    constant(e.getValue(), child(cp, e.getKey()), EscalationPolicy.Coverage.class)));
        });
        return new OnCallConfig.RoutedPolicy(checked(path, o, b::build), services);
    }

    private EscalationPolicy.Repeat repeat(JsonNode n, String path) {
        if (n.isTextual() && n.textValue().equals("UNTIL_ACKNOWLEDGED")) {
            return EscalationPolicy.Repeat.untilAcknowledged();
        }
        if (n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0 && n.bigIntegerValue().bitLength() < 31) {
            return EscalationPolicy.Repeat.times(n.intValue());
        }
        throw bad(path, "must be a whole number of more rounds (0 or more) or \"UNTIL_ACKNOWLEDGED\", got " + shown(n));
    }

    private BusinessCalendar calendar(JsonNode n, String path) {
        ObjectNode o = object(n, path, "a calendar", "zone", "hours", "holidays");
        BusinessCalendar.Builder b = BusinessCalendar.custom().zone(zone(required(o, path, "zone"), child(path, "zone")));
        list(o, path, "hours", true, (h, p) -> {
            ObjectNode ho = object(h, p, "working hours", "days", "from", "to");
            List<DayOfWeek> days = list(ho, p, "days", true, (d, dp) -> constant(d, dp, DayOfWeek.class));
            LocalTime from = time(required(ho, p, "from"), child(p, "from"));
            JsonNode toNode = required(ho, p, "to");
            LocalTime to = "24:00".equals(toNode.textValue()) ? LocalTime.MIDNIGHT : time(toNode, child(p, "to"));
            for (DayOfWeek day : days) {
                checked(p, ho, () -> b.hours(day, from, to));
            }
            return days;
        });
        list(o, path, "holidays", false, (h, p) -> b.holiday(parsed(h, p, "must be a date such as 2026-12-25", LocalDate::parse)));
        return checked(path, o, b::build);
    }

    private EscalationLevel level(JsonNode n, String path, Map<String, Schedule> schedules) {
        ObjectNode o = object(n, path, "a level", "escalateAfter", "targets", "severities", "ifNobodyOnCall");
        Duration after = duration(required(o, path, "escalateAfter"), child(path, "escalateAfter"));
        List<Target> targets = list(o, path, "targets", true, (t, p) -> target(t, p, schedules));
        Set<Severity> severities = optional(o, path, "severities").isPresent()
                ? EnumSet.noneOf(Severity.class) : EnumSet.allOf(Severity.class);
        severities.addAll(list(o, path, "severities", false, (s, p) -> constant(s, p, Severity.class)));
        EscalationLevel.IfNobody ifNobody = optional(o, path, "ifNobodyOnCall")
                .map(x -> constant(x, child(path, "ifNobodyOnCall"), EscalationLevel.IfNobody.class))
                .orElse(EscalationLevel.IfNobody.SKIP);
        return checked(path, o, () -> new EscalationLevel(after, targets, severities, ifNobody));
    }

    private Target target(JsonNode n, String path, Map<String, Schedule> schedules) {
        ObjectNode o = object(n, path, "a target", "schedule", "person");
        if (o.size() != 1) {
            throw bad(path, "must have exactly one of the fields \"schedule\" and \"person\"");
        }
        if (o.has("person")) {
            String id = text(o.get("person"), child(path, "person"));
            return checked(path, o, () -> Target.person(id));
        }
        String id = text(o.get("schedule"), child(path, "schedule"));
        if (!schedules.containsKey(id)) {
            throw bad(child(path, "schedule"), "must name a schedule of this file ("
                    + (schedules.isEmpty() ? "it has none" : String.join(", ", schedules.keySet())) + "), got " + shown(o.get("schedule")));
        }
        return checked(path, o, () -> Target.schedule(id));
    }
}
