package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.EscalationLevel.IfNobody;
import dev.incidentkit.core.oncall.EscalationPolicy.Coverage;
import dev.incidentkit.core.oncall.EscalationPolicy.Repeat;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link OnCallConfig}'s format round trips: any configuration the API can build is read back
 * equal from what {@link OnCallConfig#write} writes, and writing that again gives the same text.
 */
class OnCallConfigRoundTripTest {

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham");
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void whatIsWrittenReadsBackEqual(@ForAll("configs") OnCallConfig config) {
        String text = config.write();

        OnCallConfig read = OnCallConfig.read(new StringReader(text), "generated.json");

        assertThat(read).isEqualTo(config);
        assertThat(read.schedules().keySet()).containsExactlyElementsOf(config.schedules().keySet());
        assertThat(read.policies().keySet()).containsExactlyElementsOf(config.policies().keySet());
        assertThat(read.people().keySet()).containsExactlyElementsOf(config.people().keySet());
        assertThat(read.services()).isEqualTo(config.services());
        assertThat(read.write()).isEqualTo(text);
    }

    @Provide
    Arbitrary<OnCallConfig> configs() {
        Arbitrary<List<Schedule>> schedules = schedule().list().ofMaxSize(3).uniqueElements(Schedule::id);
        return schedules.flatMap(s -> policy(s.stream().map(Schedule::id).toList()).list().ofMaxSize(2)
                .uniqueElements(EscalationPolicy::id).flatMap(p -> Combinators.combine(person().list().ofMaxSize(3)
                        .uniqueElements(Person::id), services(p)).as((people, services) -> OnCallConfig.of(s, p, people, services))));
    }

    private static Arbitrary<Person> person() {
        Arbitrary<ContactMethod> contact = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("email", "slack", "webhook", "pagerduty"),
                        Arbitraries.strings().withChars("az09._-").ofMinLength(1).ofMaxLength(63).filter(k -> Character.isLetterOrDigit(k.charAt(0)))),
                Arbitraries.oneOf(Arbitraries.of("alice@example.com", "U024BE7LH", "https://hooks.example.com/x?a=1&b=\"2\""),
                        Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff').ofMinLength(1).ofMaxLength(512)))
                .as(ContactMethod::new);
        return Combinators.combine(id(), id(), contact.list().ofMaxSize(3).uniqueElements(ContactMethod::kind)).as(Person::new);
    }

    /** Services routed to the policies, by name; none when there is no policy. */
    private static Arbitrary<Map<String, String>> services(List<EscalationPolicy> policies) {
        if (policies.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("payments-api", "checkout", "db.primary", "search_v2"),
                Arbitraries.strings().withChars("az09").ofMinLength(1).ofMaxLength(10));
        return Arbitraries.maps(name, Arbitraries.of(policies).map(EscalationPolicy::id)).ofMaxSize(4);
    }

    private static Arbitrary<String> id() {
        // Quotes, backslashes, non-ASCII and spaces: the writer must escape what JSON needs.
        return Arbitraries.oneOf(Arbitraries.of("alice", "bob", "chloe", "dave", "Zoë \"Z\" \\", "ops lead", "ñ-team"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(8));
    }

    private static Arbitrary<ZoneId> zone() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    private static Arbitrary<Instant> instant() {
        return Arbitraries.longs().between(0, 400L * 24 * 3600).map(EPOCH::plusSeconds);
    }

    private static Arbitrary<Schedule> schedule() {
        return Combinators.combine(id(), id(), zone(), layer().list().ofMaxSize(3), override().list().ofMaxSize(3),
                temporary().optional()).as((id, name, zone, layers, overrides, temporary) ->
                new Schedule(id, name, zone, layers, overrides, temporary.map(List::of).orElse(List.of())));
    }

    private static Arbitrary<Layer> layer() {
        Arbitrary<Rotation> rotation = Combinators.combine(id(), Arbitraries.of(Rotation.Kind.class),
                Arbitraries.integers().between(1, 10_000), Arbitraries.longs().between(0, 3_000_000).map(m ->
                        LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(m)), zone(), id().list().ofMinSize(1).ofMaxSize(4))
                .as(Rotation::new);
        return Combinators.combine(id(), rotation, restriction().list().ofMaxSize(2), Arbitraries.of(true, false))
                .as((name, r, restrictions, sameName) -> new Layer(sameName ? r.name() : name, r, restrictions));
    }

    private static Arbitrary<Restriction> restriction() {
        return Combinators.combine(Arbitraries.of(DayOfWeek.class).set().ofMinSize(1),
                Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60)),
                Arbitraries.longs().between(1, 7 * 24 * 60).map(Duration::ofMinutes)).as(Restriction::new);
    }

    private static Arbitrary<ScheduleOverride> override() {
        return Combinators.combine(Arbitraries.of(ScheduleOverride.Kind.class), Arbitraries.of("alice", "bob"),
                Arbitraries.of("chloe", "dave"), instant(), Arbitraries.longs().between(1, 30L * 24 * 3600))
                .as((kind, person, by, start, seconds) -> new ScheduleOverride(kind, person,
                        kind == ScheduleOverride.Kind.REPLACE ? Optional.of(by) : Optional.empty(), start, start.plusSeconds(seconds)));
    }

    private static Arbitrary<TemporarySchedule> temporary() {
        return Combinators.combine(instant(), id().list().ofMaxSize(3)).as((start, people) ->
                TemporarySchedule.fixed(start, start.plus(Duration.ofDays(2)), people));
    }

    private static Arbitrary<EscalationPolicy> policy(List<String> scheduleIds) {
        Arbitrary<Target> target = scheduleIds.isEmpty() ? id().map(Target::person)
                : Arbitraries.oneOf(id().map(Target::person), Arbitraries.of(scheduleIds).map(Target::schedule));
        Arbitrary<EscalationLevel> level = Combinators.combine(Arbitraries.longs().between(1, 7200).map(Duration::ofSeconds),
                target.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(Severity.class).set().ofMinSize(1),
                Arbitraries.of(IfNobody.class)).as(EscalationLevel::new);
        Arbitrary<Repeat> repeat = Arbitraries.oneOf(Arbitraries.integers().between(0, 5).map(Repeat::times),
                Arbitraries.just(Repeat.untilAcknowledged()));
        Arbitrary<BusinessCalendar> calendar = Combinators.combine(zone(), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(13, 24), Arbitraries.of(DayOfWeek.class).set().ofMinSize(1),
                Arbitraries.integers().between(0, 365).map(d -> LocalDate.of(2026, 1, 1).plusDays(d)).set().ofMaxSize(3))
                .as((zone, from, to, days, holidays) -> {
                    BusinessCalendar.Builder b = BusinessCalendar.custom().zone(zone);
                    days.forEach(d -> b.hours(d, LocalTime.of(from, 0), to == 24 ? LocalTime.MIDNIGHT : LocalTime.of(to, 0)));
                    if (days.contains(DayOfWeek.MONDAY) && from > 0) {
                        b.hours(DayOfWeek.MONDAY, LocalTime.of(0, 0), LocalTime.of(0, 30));   // two periods in a day
                    }
                    return b.holidays(holidays).build();
                });
        return Combinators.combine(id(), id(), level.list().ofMinSize(1).ofMaxSize(4), repeat, calendar,
                Arbitraries.of(Coverage.class).list().ofSize(4)).as((id, name, levels, r, cal, coverage) -> {
                    List<EscalationLevel> all = new ArrayList<>(levels);
                    // every severity needs a level
                    all.add(new EscalationLevel(Duration.ofMinutes(1), List.of(Target.person("lead")), EnumSet.allOf(Severity.class),
                            IfNobody.WAIT));
                    EscalationPolicy.Builder b = EscalationPolicy.builder(id, name, cal).repeat(r);
                    all.forEach(b::level);
                    for (Severity s : Set.of(Severity.values())) {
                        b.coverage(s, coverage.get(s.ordinal()));
                    }
                    return b.build();
                });
    }
}
