package dev.incidentkit.core;

import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.AlertAttached;
import dev.incidentkit.core.event.IncidentEvent.AlertResolved;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.Paged;
import dev.incidentkit.core.event.IncidentEvent.PostmortemUpdated;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.IncidentEvent.UpdateDue;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the property tests: text that keeps to the input rules of DESIGN §11 while
 * being as hostile as those rules allow, and one generator per event record of the catalog.
 *
 * <p>Written from the rules, not from {@code Validation}: a generator that reused the code under
 * test could not catch it.
 */
public final class EventArbitraries {

    /** 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the range every store holds (DESIGN §11). */
    public static final Instant MIN_INSTANT = Instant.EPOCH;
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    /** Text that breaks naive escaping: markup, quotes, bidi overrides, emoji sequences, scripts. */
    public static final List<String> HOSTILE = List.of(
            "</script>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"", "\\", "\\\"", "'",
            "`", "```", "**bold**", "_x_", "# heading", "| a | b |", "[x](javascript:alert(1))", "<!channel>",
            "@here", "&amp;", "&#0;", "${jndi:ldap://x/a}", "%s%n", "{{x}}", "\u202Eevil\u202C", "\u200F", "\u200B",
            "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "\uD83D\uDE00",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "e\u0301",
            "\uFEFF", "\uD835\uDD4F", "\uFF46\uFF55\uFF4C\uFF4C", "null", "{}", "[]", "\\u0000", "'; DROP TABLE x;--",
            "\uFFFD", "\uFFFF", "\u00A0");

    private static final String SERVICE_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SERVICE_REST = SERVICE_FIRST + "._-";

    private EventArbitraries() {}

    // ---- text ----------------------------------------------------------------------------

    /** One code point, any script, but never a control character, a line/paragraph separator or a surrogate half. */
    public static Arbitrary<String> printableCodePoint() {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0xA0, 0xFFFF)
                .filter(cp -> !Character.isSurrogate((char) (int) cp) && cp != 0x2028 && cp != 0x2029);
        Arbitrary<Integer> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF);
        return Arbitraries.frequencyOf(Tuple.of(6, ascii), Tuple.of(3, bmp), Tuple.of(2, supplementary))
                .map(Character::toString);
    }

    private static Arbitrary<String> pieces(boolean multiLine) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends String>>> choices = new ArrayList<>();
        choices.add(Tuple.of(12, printableCodePoint()));
        choices.add(Tuple.of(3, Arbitraries.of(HOSTILE)));
        choices.add(Tuple.of(1, Arbitraries.just(" ")));
        if (multiLine) {
            choices.add(Tuple.of(2, Arbitraries.of("\n", "\t", "\n\n", "  - item\n")));
        }
        return Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0]));
    }

    private static String truncate(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
    }

    private static Arbitrary<String> text(boolean multiLine, int min, int max, int typicalPieces) {
        Arbitrary<String> typical = pieces(multiLine).list().ofMinSize(min == 0 ? 0 : 1).ofMaxSize(typicalPieces)
                .map(l -> truncate(String.join("", l), max));
        Arbitrary<String> atTheLimit = pieces(multiLine).list().ofMinSize(1).ofMaxSize(20)
                .map(l -> String.join("", l))
                .filter(s -> !s.isBlank())
                .map(s -> truncate(s.repeat(max / Math.max(1, s.codePointCount(0, s.length())) + 1), max));
        Arbitrary<String> either = Arbitraries.frequencyOf(Tuple.of(12, typical), Tuple.of(1, atTheLimit));
        return min == 0 ? either : either.filter(s -> s.codePointCount(0, s.length()) >= min && !s.isBlank());
    }

    /** A title: one line, 1 to 200 code points, not blank. */
    public static Arbitrary<String> title() {
        return text(false, 1, 200, 40);
    }

    /** Free text of 0 to 10,000 code points; newline and tab are its only control characters. */
    public static Arbitrary<String> note() {
        return text(true, 0, 10_000, 60);
    }

    /** Free text of 1 to 10,000 code points, not blank. */
    public static Arbitrary<String> requiredText() {
        return text(true, 1, 10_000, 60);
    }

    /** An actor name: one line, 1 to 200 code points, not blank. */
    public static Arbitrary<String> actorName() {
        return text(false, 1, 200, 20);
    }

    public static Arbitrary<Actor> actor() {
        return actorName().map(Actor::of);
    }

    /** A service: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    public static Arbitrary<String> service() {
        return Combinators.combine(
                        Arbitraries.strings().withChars(SERVICE_FIRST).ofLength(1),
                        Arbitraries.strings().withChars(SERVICE_REST).ofMaxLength(62))
                .as(String::concat);
    }

    /** An incident id: mostly {@code INC-2025-001}, sometimes any single line of 1 to 64 code points. */
    public static Arbitrary<String> incidentId() {
        Arbitrary<String> usual = Combinators.combine(
                        Arbitraries.of("INC", "OPS", "SEC"),
                        Arbitraries.integers().between(1970, 9999),
                        Arbitraries.integers().between(1, 99_999))
                .as((p, y, n) -> String.format("%s-%d-%03d", p, y, n));
        Arbitrary<String> odd = text(false, 1, 64, 12);
        return Arbitraries.frequencyOf(Tuple.of(4, usual), Tuple.of(1, odd));
    }

    // ---- time ----------------------------------------------------------------------------

    /** Any instant the stores hold, to the nanosecond. */
    public static Arbitrary<Instant> instant() {
        Arbitrary<Instant> any = Combinators.combine(
                        Arbitraries.longs().between(MIN_INSTANT.getEpochSecond(), MAX_INSTANT.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond)
                .filter(i -> !i.isAfter(MAX_INSTANT));
        return Arbitraries.frequencyOf(
                Tuple.of(8, any),
                Tuple.of(1, Arbitraries.of(MIN_INSTANT, MAX_INSTANT, Instant.parse("2025-03-01T10:15:30Z"))));
    }

    /** An instant as IncidentKit records it: truncated to microseconds. */
    public static Arbitrary<Instant> recordedInstant() {
        return instant().map(i -> i.truncatedTo(ChronoUnit.MICROS));
    }

    public static Arbitrary<LocalDate> date() {
        Arbitrary<LocalDate> usual = Arbitraries.longs()
                .between(LocalDate.of(1970, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        return Arbitraries.frequencyOf(Tuple.of(9, usual),
                Tuple.of(1, Arbitraries.of(LocalDate.of(9999, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.of(-1, 1, 1))));
    }

    public static Arbitrary<Duration> duration() {
        return Combinators.combine(Arbitraries.longs().between(0, 400L * 24 * 3600), Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> Duration.ofSeconds(s, n));
    }

    // ---- events --------------------------------------------------------------------------

    public static Arbitrary<Declared> declared() {
        return Combinators.combine(incidentId(), title(), Arbitraries.of(Severity.class), service(), note(), instant(),
                        instant(), Arbitraries.of(true, false))
                .as((id, title, sev, svc, desc, impact, detected, warRoom) ->
                        new Declared(id, title, sev, svc, Status.OPEN, desc, impact, detected, warRoom));
    }

    public static Arbitrary<Acknowledged> acknowledged() {
        return Combinators.combine(note(), Arbitraries.of(Role.class).optional()).as(Acknowledged::new);
    }

    /** Every status change the standard lifecycle makes, reopens included. */
    public static Arbitrary<StatusChanged> statusChanged() {
        List<StatusChanged> moves = new ArrayList<>();
        Lifecycle lifecycle = Lifecycle.standard();
        for (Status from : Status.values()) {
            for (CommandType c : List.of(CommandType.INVESTIGATE, CommandType.IDENTIFY, CommandType.MITIGATE,
                    CommandType.RESOLVE, CommandType.CLOSE, CommandType.REOPEN)) {
                lifecycle.target(from, c).ifPresent(to -> moves.add(new StatusChanged(from, to, "")));
            }
        }
        return Combinators.combine(Arbitraries.of(moves), note()).as((m, note) -> new StatusChanged(m.from(), m.to(), note));
    }

    public static Arbitrary<NoteAdded> noteAdded() {
        return requiredText().map(NoteAdded::new);
    }

    public static Arbitrary<SeverityChanged> severityChanged() {
        return Combinators.combine(Arbitraries.of(Severity.class), Arbitraries.of(Severity.class), note())
                .filter((from, to, note) -> from != to)
                .as(SeverityChanged::new);
    }

    public static Arbitrary<ServiceCorrelated> serviceCorrelated() {
        return Combinators.combine(service(), note()).as(ServiceCorrelated::new);
    }

    public static Arbitrary<RoleAssigned> roleAssigned() {
        return Combinators.combine(Arbitraries.of(Role.class), actor()).as(RoleAssigned::new);
    }

    public static Arbitrary<ActionItemAdded> actionItemAdded() {
        return Combinators.combine(itemId(), requiredText(), actor().optional(), date().optional()).as(ActionItemAdded::new);
    }

    public static Arbitrary<ActionItemCompleted> actionItemCompleted() {
        return Combinators.combine(itemId(), note()).as(ActionItemCompleted::new);
    }

    private static Arbitrary<Integer> itemId() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.integers().between(1, 50)),
                Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
    }

    public static Arbitrary<PostmortemUpdate> postmortemUpdate() {
        Arbitrary<Optional<String>> field = note().optional(0.4);
        return Combinators.combine(field, field, field, field, field, field, field).as(PostmortemUpdate::new);
    }

    public static Arbitrary<PostmortemUpdated> postmortemUpdated() {
        return postmortemUpdate().map(PostmortemUpdated::new);
    }

    public static Arbitrary<SlaBreached> slaBreached() {
        return Combinators.combine(Arbitraries.of(SlaKind.class), duration(), instant()).as(SlaBreached::new);
    }

    public static Arbitrary<Canceled> canceled() {
        return requiredText().map(Canceled::new);
    }

    public static Arbitrary<MarkedDuplicate> markedDuplicate() {
        return Combinators.combine(incidentId(), note()).as(MarkedDuplicate::new);
    }

    /** Label names as Prometheus writes them. */
    private static Arbitrary<String> labelName() {
        return Combinators.combine(Arbitraries.strings().withChars("abcXYZ_").ofLength(1),
                Arbitraries.strings().withChars("abcxyzABC_019").ofMaxLength(20)).as(String::concat);
    }

    private static Arbitrary<TreeMap<String, String>> stringMap(Arbitrary<String> values) {
        return Arbitraries.maps(labelName(), values).ofMaxSize(6).map(TreeMap::new);
    }

    public static Arbitrary<AlertDetails> alertDetails() {
        Arbitrary<String> link = Arbitraries.strings().alpha().numeric().ofMaxLength(30)
                .map(path -> "https://prometheus.example/graph?q=" + path);
        return Combinators.combine(service(), text(false, 1, 255, 20), text(true, 1, 1024, 40),
                        text(false, 0, 32, 8), stringMap(text(false, 0, 1024, 20)), stringMap(note().filter(n -> n.length() < 2000)),
                        Arbitraries.maps(text(false, 1, 128, 10), link).ofMaxSize(3).map(TreeMap::new), instant())
                .as(AlertDetails::new);
    }

    public static Arbitrary<AlertAttached> alertAttached() {
        return Combinators.combine(text(false, 1, 64, 36), alertDetails()).as(AlertAttached::new);
    }

    public static Arbitrary<AlertResolved> alertResolved() {
        return Combinators.combine(text(false, 1, 64, 36), service(), text(false, 1, 255, 20), text(true, 1, 1024, 40),
                        Arbitraries.longs().between(1, Integer.MAX_VALUE))
                .as(AlertResolved::new);
    }

    /** Channel names as a notifier is named: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    private static Arbitrary<String> channel() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("email", "slack", "sms", "phone", "push")),
                Tuple.of(1, service()));
    }

    /** A page: on-call ids of any printable text, a reason on one line, up to 16 distinct channels. */
    public static Arbitrary<Paged> paged() {
        Arbitrary<Integer> number = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 9)),
                Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
        return Combinators.combine(text(false, 1, 128, 12), number, number, text(false, 1, 128, 12),
                        text(false, 1, 10_000, 40), channel().list().uniqueElements().ofMaxSize(16))
                .as(Paged::new);
    }

    /** A public update: a title on one line, any public status and impact, a message of 1 to 10,000 code points. */
    public static Arbitrary<PublicUpdatePosted> publicUpdatePosted() {
        return Combinators.combine(title(), Arbitraries.of(PublicStatus.class), Arbitraries.of(ComponentStatus.class),
                        requiredText())
                .as(PublicUpdatePosted::new);
    }

    /** A reminder: any deadline, a positive cadence, a commander or none. */
    public static Arbitrary<UpdateDue> updateDue() {
        return Combinators.combine(instant(), duration().filter(d -> !d.isZero()), actor().optional())
                .as(UpdateDue::new);
    }

    /** Any event of the catalog, every record equally likely. */
    public static Arbitrary<IncidentEvent> anyEvent() {
        return Arbitraries.oneOf(List.of(declared(), acknowledged(), statusChanged(), noteAdded(), severityChanged(),
                serviceCorrelated(), roleAssigned(), actionItemAdded(), actionItemCompleted(), postmortemUpdated(),
                slaBreached(), canceled(), markedDuplicate(), alertAttached(), alertResolved(), paged(),
                publicUpdatePosted(), updateDue()));
    }

    // ---- incidents ------------------------------------------------------------------------

    /** One event after the declaration, who wrote it and when it happened. */
    private record Step(IncidentEvent event, Actor actor, Instant at) {}

    /**
     * Incidents as folds of random histories of every event record, with hostile text, instants to
     * the nanosecond and the edges of time; an action item completed is one the history added, as
     * the decider ensures.
     */
    public static Arbitrary<Incident> incident() {
        Arbitrary<Step> step = Combinators.combine(anyEvent().filter(e -> !(e instanceof Declared)), actor(), instant())
                .as(Step::new);
        return Combinators.combine(declared(), actor(), instant(), step.list().ofMaxSize(25))
                .as(EventArbitraries::fold);
    }

    private static Incident fold(Declared declared, Actor declaredBy, Instant declaredAt, List<Step> steps) {
        List<RecordedEvent> history = new ArrayList<>();
        history.add(recorded(declared, declared, declaredBy, declaredAt, 1));
        int items = 0;
        for (Step s : steps) {
            IncidentEvent e = s.event();
            if (e instanceof ActionItemAdded) {
                items++;
            } else if (e instanceof ActionItemCompleted c) {
                if (items == 0) {
                    continue;
                }
                e = new ActionItemCompleted(1 + (c.itemId() - 1) % items, c.note());
            }
            history.add(recorded(declared, e, s.actor(), s.at(), history.size() + 1));
        }
        return Incident.replay(history);
    }

    private static RecordedEvent recorded(Declared declared, IncidentEvent event, Actor actor, Instant at, long version) {
        EventRecord r = new EventRecord(new UUID(0, version), declared.incidentId(), version, event.type(),
                IncidentEvent.SCHEMA_VERSION, at, at, actor.name(), Optional.empty(), "{}", "", "");
        return new RecordedEvent(new StoredEvent(LogPosition.of(version), r), event);
    }

    /** The string with every control character shown as {@code \\uXXXX}, for failure messages. */
    public static String visible(String s) {
        return s.codePoints()
                .mapToObj(cp -> Character.isISOControl(cp) ? String.format("\\u%04x", cp) : Character.toString(cp))
                .collect(Collectors.joining());
    }
}
