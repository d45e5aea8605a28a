package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.EscalationPolicy.Coverage;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OnCallConfig} reads a good file as the API would build it, and says where a bad one is wrong. */
class OnCallConfigTest {

    static final String GOOD = """
            {
              "version": 1,
              "schedules": [
                {
                  "id": "primary",
                  "name": "Payments primary",
                  "zone": "Europe/Berlin",
                  "layers": [
                    {
                      "name": "weekly",
                      "rotation": {"kind": "WEEKLY", "start": "2026-01-05T09:00", "participants": ["alice", "bob", "chloe"]}
                    }
                  ],
                  "overrides": [
                    {"kind": "REPLACE", "person": "chloe", "replacement": "bob", "start": "2026-03-04T08:00:00Z", "end": "2026-03-05T08:00:00Z"}
                  ]
                },
                {
                  "id": "secondary",
                  "name": "Payments secondary",
                  "zone": "Europe/Berlin",
                  "layers": [
                    {"name": "weekly", "rotation": {"kind": "WEEKLY", "start": "2026-01-05T09:00", "participants": ["dave", "erin"]}},
                    {
                      "name": "office",
                      "rotation": {"kind": "WEEKLY", "start": "2026-01-05T09:00", "participants": ["frank"]},
                      "restrictions": [
                        {"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "start": "09:00", "length": "PT8H"}
                      ]
                    }
                  ]
                }
              ],
              "policies": [
                {
                  "id": "payments",
                  "name": "Payments",
                  "calendar": {
                    "zone": "Europe/Berlin",
                    "hours": [{"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "from": "09:00", "to": "17:00"}]
                  },
                  "levels": [
                    {"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]},
                    {"escalateAfter": "PT10M", "targets": [{"schedule": "secondary"}], "ifNobodyOnCall": "WAIT"},
                    {"escalateAfter": "PT15M", "targets": [{"person": "grace"}], "severities": ["SEV1", "SEV2"]}
                  ],
                  "repeat": 1,
                  "coverage": {"SEV2": "BUSINESS_HOURS"}
                }
              ]
            }
            """;

    private static OnCallConfig read(String text) {
        return OnCallConfig.read(new StringReader(text), "oncall.json");
    }

    @Test
    void aGoodFileIsWhatTheApiBuilds() {
        OnCallConfig config = read(GOOD);

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Schedule primary = Schedule.builder("primary", "Payments primary", berlin)
                .layer(new Layer("weekly", new Rotation("weekly", Rotation.Kind.WEEKLY, 1, LocalDateTime.parse("2026-01-05T09:00"),
                        berlin, List.of("alice", "bob", "chloe")), List.of()))
                .override(ScheduleOverride.replace("chloe", "bob", Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-05T08:00:00Z")))
                .build();
        assertThat(config.schedule("primary")).contains(primary);
        Layer office = config.schedule("secondary").orElseThrow().layers().get(1);
        assertThat(office.restrictions()).containsExactly(new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), Duration.ofHours(8)));
        EscalationPolicy payments = config.policy("payments").orElseThrow();
        assertThat(payments.levels()).hasSize(3);
        assertThat(payments.levels().get(0).targets()).containsExactly(Target.schedule("primary"));
        assertThat(payments.levels().get(1).ifNobodyOnCall()).isEqualTo(EscalationLevel.IfNobody.WAIT);
        assertThat(payments.levels().get(2).severities()).containsExactly(Severity.SEV1, Severity.SEV2);
        assertThat(payments.repeat()).isEqualTo(EscalationPolicy.Repeat.times(1));
        assertThat(payments.coverage()).containsEntry(Severity.SEV2, Coverage.BUSINESS_HOURS).containsEntry(Severity.SEV1, Coverage.ALWAYS);
        assertThat(payments.calendar().isWorkingTime(Instant.parse("2026-03-04T10:00:00Z"))).isTrue();
        // Who is on call, for the README's instant: chloe's week, given to bob by the override; frank in office hours.
        Instant at = Instant.parse("2026-03-04T10:00:00Z");
        assertThat(OnCall.whoIsOnCall(config.schedule("primary").orElseThrow(), at)).containsExactly("bob");
        assertThat(OnCall.whoIsOnCall(config.schedule("secondary").orElseThrow(), at)).containsExactly("frank");
        assertThat(read(config.write())).isEqualTo(config);
    }

    @Test
    void anEmptyConfigurationIsVersionAlone() {
        assertThat(read("{\"version\": 1}").schedules()).isEmpty();
        assertThat(OnCallConfig.of(List.of(), List.of()).write()).isEqualTo("{\n  \"version\": 1,\n  \"schedules\": [],\n  \"policies\": []\n}\n");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(OnCallConfigException.class).hasMessage(message);
    }

    /** GOOD with one piece of text replaced, which must occur once. */
    private static String good(String from, String to) {
        assertThat(GOOD.split(java.util.regex.Pattern.quote(from), -1)).as(from).hasSize(2);
        return GOOD.replace(from, to);
    }

    @Test
    void aBadEnumNamesItsLineFieldAndChoices() {
        refused(good("\"kind\": \"WEEKLY\", \"start\": \"2026-01-05T09:00\", \"participants\": [\"alice\"",
                        "\"kind\": \"FORTNIGHTLY\", \"start\": \"2026-01-05T09:00\", \"participants\": [\"alice\""),
                "oncall.json:11:32: schedules[0].layers[0].rotation.kind: must be one of HOURLY, DAILY, WEEKLY, MONTHLY, got \"FORTNIGHTLY\"");
    }

    @Test
    void aWrongTypeIsNamed() {
        refused(good("\"repeat\": 1", "\"repeat\": true"),
                "oncall.json:47:17: policies[0].repeat: must be a whole number of more rounds (0 or more) or \"UNTIL_ACKNOWLEDGED\", got \"true\"");
        refused(good("\"name\": \"Payments primary\"", "\"name\": 7"), "oncall.json:6:15: schedules[0].name: must be a string, got a number");
        refused(good("\"participants\": [\"dave\", \"erin\"]", "\"participants\": \"dave\""),
                "oncall.json:23:104: schedules[1].layers[0].rotation.participants: must be an array, got a string");
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPath() {
        refused(good("\"zone\": \"Europe/Berlin\",\n      \"layers\": [\n        {\n          \"name\": \"weekly\"",
                        "\"zone\": \"Europe/Berlin\",\n      \"layers\": [\n        {\n          \"nmae\": \"weekly\""),
                "oncall.json:10:11: schedules[0].layers[0].nmae: is not a field of a layer (its fields: name, rotation, restrictions)");
    }

    @Test
    void aMissingFieldIsNamed() {
        refused(good("\"escalateAfter\": \"PT5M\", ", ""), "oncall.json:43:9: policies[0].levels[0]: lacks the required field \"escalateAfter\"");
        refused("{\"schedules\": []}", "oncall.json:1:1: lacks the required field \"version\"");
    }

    @Test
    void aBadZoneDurationOrInstantIsNamed() {
        refused(good("\"name\": \"Payments secondary\",\n      \"zone\": \"Europe/Berlin\"",
                        "\"name\": \"Payments secondary\",\n      \"zone\": \"Mars/Olympus_Mons\""),
                "oncall.json:21:15: schedules[1].zone: must be an IANA zone id such as Europe/Berlin, got \"Mars/Olympus_Mons\"");
        refused(good("\"PT10M\"", "\"10 minutes\""),
                "oncall.json:44:27: policies[0].levels[1].escalateAfter: must be an ISO-8601 duration such as PT5M, got \"10 minutes\"");
        refused(good("\"start\": \"2026-03-04T08:00:00Z\"", "\"start\": \"yesterday\""),
                "oncall.json:15:79: schedules[0].overrides[0].start: must be an ISO-8601 instant such as 2026-03-02T09:00:00Z, got \"yesterday\"");
    }

    @Test
    void theValueClassesRulesAreReportedAtTheirField() {
        refused(good("\"participants\": [\"frank\"]", "\"participants\": []"),
                "oncall.json:26:87: schedules[1].layers[1].rotation.participants: must name at least one person, got \"[]\"");
        refused(good("\"end\": \"2026-03-05T08:00:00Z\"", "\"end\": \"2026-03-03T08:00:00Z\""),
                "oncall.json:15:110: schedules[0].overrides[0].end: must be after start (2026-03-04T08:00:00Z), got \"2026-03-03T08:00:00Z\"");
    }

    @Test
    void aPolicyMayPageOnlyTheFilesSchedules() {
        refused(good("[{\"schedule\": \"secondary\"}]", "[{\"schedule\": \"tertiary\"}]"),
                "oncall.json:44:61: policies[0].levels[1].targets[0].schedule: must name a schedule of this file (primary, secondary),"
                        + " got \"tertiary\"");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> read(good("\"repeat\": 1,", "\"repeat\": 1")))
                .isInstanceOf(OnCallConfigException.class)
                .hasMessage("oncall.json:48:7: is not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
        refused("", "oncall.json:1:1: is empty; an on-call configuration is a JSON object such as {\"version\": 1}");
        refused("{\"version\": 1} {}", "oncall.json:1:16: must hold one JSON object; something follows its closing brace");
    }

    @Test
    void anotherVersionOrATwiceGivenFieldIsRefused() {
        refused("{\"version\": 2}", "oncall.json:1:13: version: must be 1 (the only version of the format this library reads), got \"2\"");
        refused("{\"version\": 1, \"version\": 1}", "oncall.json:1:16: version: is given twice");
    }

    @Test
    void twoSchedulesWithOneIdAreRefused() {
        refused(good("\"id\": \"secondary\"", "\"id\": \"primary\""),
                "oncall.json:19:13: schedules[1].id: is the id of an earlier schedule, got \"primary\"");
    }

    @Test
    void theApiRefusesWhatTheFileRefuses() {
        OnCallConfig config = read(GOOD);
        EscalationPolicy pagesNoSchedule = EscalationPolicy.builder("p", "P", config.policy("payments").orElseThrow().calendar())
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("tertiary"))).build();

        assertThatThrownBy(() -> OnCallConfig.of(config.schedules().values(), List.of(pagesNoSchedule)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduleId must name a schedule of the configuration (primary, secondary), got \"tertiary\"");
        assertThatThrownBy(() -> OnCallConfig.of(List.of(config.schedule("primary").orElseThrow(), config.schedule("primary").orElseThrow()),
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("schedules must not share an id, got \"primary\"");
        Schedule emptied = Schedule.builder("secondary", "Nobody", ZoneId.of("UTC")).build();
        assertThat(config.withSchedule(emptied).schedules()).containsKeys("primary", "secondary").containsEntry("secondary", emptied);
    }
}
