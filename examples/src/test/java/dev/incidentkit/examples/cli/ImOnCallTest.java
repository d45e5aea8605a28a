package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.examples.Readme;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im oncall}, {@code im schedule shifts} and {@code im override add} on the README's on-call file (docs/oncall.json). */
class ImOnCallTest {

    private static final String NL = System.lineSeparator();
    private static final ObjectMapper JSON = new ObjectMapper();

    Path home;
    Path file;
    ImInProcess im;

    @BeforeEach
    void theReadmesFile(@TempDir Path home) throws Exception {
        this.home = home;
        file = home.resolve("team-oncall.json");
        Files.copy(Readme.root().resolve("docs/oncall.json"), file);
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_ONCALL", file.toString()));
    }

    @Test
    void oncallSaysWhoPerScheduleUntilWhenAndWhy() {
        ImProcess.Result r = im.run("oncall", "--at", "2026-03-04T10:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("On call at 2026-03-04 10:00 UTC:" + NL
                + "SCHEDULE         PERSON           UNTIL                WHY" + NL
                + "primary          bob              2026-03-05 08:00 UTC override 1" + NL
                + "secondary        frank            2026-03-04 16:00 UTC layer office" + NL);
        // Out of office hours, the secondary's weekly layer; after the override, chloe's week again.
        assertThat(Walkthrough.ok(im.run("oncall", "--at", "2026-03-05T20:00:00Z")).out())
                .contains("primary          chloe            2026-03-09 08:00 UTC layer weekly")
                .contains("secondary        dave             2026-03-06 08:00 UTC layer weekly");
    }

    @Test
    void oncallAsJsonAndForOneSchedule() throws Exception {
        JsonNode doc = JSON.readTree(Walkthrough.ok(im.run("oncall", "--at", "2026-03-04T10:00:00Z", "--schedule", "secondary",
                "--output", "json")).out());

        assertThat(doc.path("format_version").asInt()).isEqualTo(1);
        assertThat(doc.path("at").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(doc.path("schedules")).hasSize(1);
        JsonNode on = doc.path("schedules").get(0).path("on_call").get(0);
        assertThat(doc.path("schedules").get(0).path("id").asText()).isEqualTo("secondary");
        assertThat(on.path("person").asText()).isEqualTo("frank");
        assertThat(on.path("until").asText()).isEqualTo("2026-03-04T16:00:00Z");
        assertThat(on.path("origin").toString()).isEqualTo("{\"kind\":\"layer\",\"number\":2,\"layer\":\"office\"}");
    }

    @Test
    void theFileIsFoundByFlagByVariableOrInImHome() throws Exception {
        ImInProcess byHome = new ImInProcess(Map.of("IM_HOME", home.toString()));
        ImProcess.Result missing = byHome.run("oncall", "--at", "2026-03-04T10:00:00Z");
        assertThat(missing.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(missing.err()).isEqualTo("im: --config must name an on-call file (or set IM_ONCALL); there is no file, got \""
                + home.resolve("oncall.json") + "\"" + NL);

        Files.copy(file, home.resolve("oncall.json"));
        assertThat(Walkthrough.ok(byHome.run("oncall", "--at", "2026-03-04T10:00:00Z")).out()).contains("bob");
        assertThat(Walkthrough.ok(byHome.run("oncall", "--config", file.toString(), "--at", "2026-03-04T10:00:00Z")).out())
                .contains("frank");
    }

    @Test
    void aBadFileIsNamedWithItsLineAndField() throws Exception {
        Files.writeString(file, Files.readString(file).replace("\"WEEKLY\"", "\"FORTNIGHTLY\""));

        ImProcess.Result r = im.run("oncall");

        assertThat(r.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("im: " + file + ":12:21: schedules[0].layers[0].rotation.kind: must be one of HOURLY, DAILY,"
                + " WEEKLY, MONTHLY, got \"FORTNIGHTLY\"" + NL);
    }

    @Test
    void aFileThatIsNotJsonIsNamedWithItsLine() throws Exception {
        Files.writeString(file, "{\n  \"version\": 1,\n  \"schedules\": [\n}\n");

        ImProcess.Result r = im.run("schedule", "shifts", "--schedule", "primary", "--from", "2026-03-02T00:00:00Z",
                "--to", "2026-03-09T00:00:00Z");

        assertThat(r.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(r.err()).startsWith("im: " + file + ":4:1: is not valid JSON: Unexpected close marker '}'");
    }

    @Test
    void anUnknownScheduleOrABadInstantIsInvalidInput() {
        ImProcess.Result unknown = im.run("oncall", "--schedule", "tertiary");
        assertThat(unknown.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(unknown.err()).isEqualTo("im: --schedule must name a schedule of the on-call file (primary, secondary), got"
                + " \"tertiary\"" + NL);

        ImProcess.Result badAt = im.run("oncall", "--at", "tomorrow");
        assertThat(badAt.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(badAt.err()).isEqualTo("im: --at must be an ISO-8601 instant such as 2025-08-23T14:30:00Z, got \"tomorrow\"" + NL);
    }

    @Test
    void shiftsListWhoFromWhenUntilWhenAndWhy() {
        ImProcess.Result r = im.run("schedule", "shifts", "--schedule", "primary", "--from", "2026-03-02T00:00:00Z",
                "--to", "2026-03-09T00:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("PERSON           START                END                  WHY" + NL
                + "bob              2026-03-02 00:00 UTC 2026-03-02 08:00 UTC layer weekly" + NL
                + "chloe            2026-03-02 08:00 UTC 2026-03-04 08:00 UTC layer weekly" + NL
                + "bob              2026-03-04 08:00 UTC 2026-03-05 08:00 UTC override 1" + NL
                + "chloe            2026-03-05 08:00 UTC 2026-03-09 00:00 UTC layer weekly" + NL);
    }

    @Test
    void shiftsAsJson() throws Exception {
        JsonNode doc = JSON.readTree(Walkthrough.ok(im.run("schedule", "shifts", "--schedule", "secondary", "--from",
                "2026-03-04T00:00:00Z", "--to", "2026-03-05T00:00:00Z", "--output", "json")).out());

        assertThat(doc.path("schedule").asText()).isEqualTo("secondary");
        assertThat(doc.path("shifts")).hasSize(3);
        assertThat(doc.path("shifts").get(1).toString()).isEqualTo("{\"person\":\"frank\",\"start\":\"2026-03-04T08:00:00Z\","
                + "\"end\":\"2026-03-04T16:00:00Z\",\"origin\":{\"kind\":\"layer\",\"number\":2,\"layer\":\"office\"}}");
    }

    @Test
    void shiftsRefuseABadSpanAndNeedTheirFlags() {
        ImProcess.Result backwards = im.run("schedule", "shifts", "--schedule", "primary", "--from", "2026-03-09T00:00:00Z",
                "--to", "2026-03-02T00:00:00Z");
        assertThat(backwards.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(backwards.err()).isEqualTo("im: --to must be after --from (2026-03-09T00:00:00Z), got \"2026-03-02T00:00:00Z\"" + NL);

        ImProcess.Result tooLong = im.run("schedule", "shifts", "--schedule", "primary", "--from", "2026-01-01T00:00:00Z",
                "--to", "2028-01-01T00:00:00Z");
        assertThat(tooLong.exitCode()).isEqualTo(Im.INVALID_INPUT);

        ImProcess.Result noSchedule = im.run("schedule", "shifts", "--from", "2026-03-02T00:00:00Z", "--to", "2026-03-09T00:00:00Z");
        assertThat(noSchedule.exitCode()).isEqualTo(Im.USAGE);
        assertThat(noSchedule.err()).contains("Missing required option: '--schedule=ID'");
    }

    @Test
    void overrideAddWritesTheFileAndOncallSeesIt() throws Exception {
        ImProcess.Result r = im.run("override", "add", "--schedule", "secondary", "--person", "grace", "--replaces", "frank",
                "--from", "2026-03-04T09:30:00Z", "--to", "2026-03-04T12:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Override 1 of schedule secondary: grace replaces frank from 2026-03-04 09:30 UTC"
                + " to 2026-03-04 12:00 UTC." + NL);
        assertThat(Walkthrough.ok(im.run("oncall", "--at", "2026-03-04T10:00:00Z", "--schedule", "secondary")).out())
                .contains("secondary        grace            2026-03-04 12:00 UTC override 1");
        OnCallConfig written = OnCallConfig.read(new StringReader(Files.readString(file)), "written");
        assertThat(written.schedule("secondary").orElseThrow().overrides()).hasSize(1);
        assertThat(written.schedule("primary")).isEqualTo(OnCallConfig.read(Files.newBufferedReader(
                Readme.root().resolve("docs/oncall.json")), "docs").schedule("primary"));

        JsonNode added = JSON.readTree(Walkthrough.ok(im.run("override", "add", "--schedule", "primary", "--person", "harry",
                "--from", "2026-03-04T09:00:00Z", "--to", "2026-03-04T10:00:00Z", "--output", "json")).out());
        assertThat(added.path("override").toString()).isEqualTo("{\"number\":2,\"kind\":\"add\",\"person\":\"harry\","
                + "\"start\":\"2026-03-04T09:00:00Z\",\"end\":\"2026-03-04T10:00:00Z\"}");
        assertThat(Walkthrough.ok(im.run("oncall", "--at", "2026-03-04T09:30:00Z", "--schedule", "primary")).out())
                .contains("primary          bob ").contains("primary          harry ");
    }

    @Test
    void aRefusedOverrideWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(file);

        refused("im: --schedule must name a schedule of the on-call file (primary, secondary), got \"tertiary\"",
                "--schedule", "tertiary", "--person", "grace", "--from", "2026-03-04T09:00:00Z", "--to", "2026-03-04T10:00:00Z");
        refused("im: --to must be after --from (2026-03-04T10:00:00Z), got \"2026-03-04T09:00:00Z\"",
                "--schedule", "primary", "--person", "grace", "--from", "2026-03-04T10:00:00Z", "--to", "2026-03-04T09:00:00Z");
        refused("im: --from must be an ISO-8601 instant such as 2025-08-23T14:30:00Z, got \"noon\"",
                "--schedule", "primary", "--person", "grace", "--from", "noon", "--to", "2026-03-04T09:00:00Z");
        refused("im: --person must be 1 to 128 characters, not blank, without control characters, and not the person replaced,"
                        + " got \"bob\"",
                "--schedule", "primary", "--person", "bob", "--replaces", "bob", "--from", "2026-03-04T09:00:00Z", "--to",
                "2026-03-04T10:00:00Z");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var left = Files.list(home)) {
            assertThat(left).containsExactly(file);
        }
    }

    private void refused(String message, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "override";
        args[1] = "add";
        System.arraycopy(flags, 0, args, 2, flags.length);
        ImProcess.Result r = im.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Im.INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(message + NL);
    }

    @Test
    void helpListsTheCommands() {
        String help = Walkthrough.ok(im.run("--help")).out();

        assertThat(help).contains("oncall").contains("schedule").contains("override");
        assertThat(Walkthrough.ok(im.run("completion")).out()).contains("oncall").contains("shifts");
    }
}
