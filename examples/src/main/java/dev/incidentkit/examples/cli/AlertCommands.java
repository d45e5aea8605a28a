package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.export.JsonExport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code im alerts} and {@code im silence}: what monitoring sent, and what is kept quiet. */
final class AlertCommands {

    /** The window of the figures {@code im alerts} prints under its list. */
    private static final Duration FIGURES_WINDOW = Duration.ofDays(30);

    private AlertCommands() {}

    @Command(name = "alerts", description = {
        "List the alerts received from monitoring (im serve's receivers), the latest first,",
        "with the figures of the last 30 days: alerts per incident, and the noise (alerts that",
        "never declared or joined an incident)."})
    static final class Alerts extends IncidentCommand {
        @Option(names = "--state", paramLabel = "STATE", defaultValue = "all",
                description = "firing, resolved, suppressed or all (default: ${DEFAULT-VALUE}).")
        String state;

        @Option(names = "--incident", paramLabel = "ID", description = "Only the alerts of this incident.")
        Optional<String> incident = Optional.empty();

        @Option(names = "--source", description = "Only the alerts of this source (integration), such as alertmanager.")
        Optional<String> source = Optional.empty();

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "The most alerts to list, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        String limit;

        private AlertQuery query;

        @Override
        void check() {
            AlertQuery q = AlertQuery.recent().limit(limitOf(limit));
            switch (state.strip().toLowerCase(Locale.ROOT)) {
                case "firing" -> q = q.state(AlertQuery.State.FIRING);
                case "resolved" -> q = q.state(AlertQuery.State.RESOLVED);
                case "suppressed", "silenced" -> q = q.state(AlertQuery.State.SUPPRESSED);
                case "all" -> { }
                default -> throw new ValidationException("--state", "must be firing, resolved, suppressed or all", state);
            }
            query = incident.map(q::incident).orElse(q);
            query = source.map(query::source).orElse(query);
        }

        @Override
        int run(Session s) {
            AlertIntake intake = s.alerts();
            List<Alert> alerts = intake.alerts(query);
            Instant now = s.incidents.clock().instant();
            AlertCounts counts = intake.counts(now.minus(FIGURES_WINDOW), now.plusSeconds(1));
            if (s.options.json()) {
                ObjectNode root = Printer.document();
                ArrayNode list = root.putArray("alerts");
                alerts.forEach(a -> list.add(JsonExport.alertJson(a)));
                root.set("last_30_days", JsonExport.alertCountsJson(counts));
                s.env.out.println(Printer.json(root));
                return 0;
            }
            PrintStream out = s.env.out;
            if (alerts.isEmpty()) {
                out.println("No alerts.");
            } else {
                out.printf("%-20s %-10s %-14s %-18s %-9s %7s %-14s %s%n", "LAST SEEN", "STATE", "SOURCE", "DEDUP KEY",
                        "SEVERITY", "REPEATS", "INCIDENT", "SUMMARY");
                for (Alert a : alerts) {
                    out.printf("%-20s %-10s %-14s %-18s %-9s %7d %-14s %s%n", ReadCommands.WHEN.format(a.lastSeen()),
                            a.suppressed() ? "suppressed" : a.status().wireName(), a.details().source(),
                            Escaping.plainTextLine(shortened(a.details().dedupKey())),
                            Escaping.plainTextLine(a.details().severity()), a.repeats(), a.incidentId().orElse("-"),
                            Escaping.plainTextLine(a.details().title()));
                }
            }
            out.println("Last 30 days: " + figures(counts) + ".");
            return 0;
        }

        private static String shortened(String key) {
            return key.length() <= 18 ? key : key.substring(0, 17) + "\u2026";
        }
    }

    /** @return the alert figures in a sentence: how many, what joined incidents, what was noise */
    static String figures(AlertCounts c) {
        return String.format(Locale.ROOT, "%d %s (%d received), %d joined %d %s (%.1f per incident), %d suppressed, "
                        + "%d never declared or joined an incident (noise)", c.alerts(), c.alerts() == 1 ? "alert" : "alerts",
                c.repeats(), c.attached(), c.incidents(), c.incidents() == 1 ? "incident" : "incidents", c.perIncident(),
                c.suppressed(), c.noise());
    }

    @Command(name = "silence", description = "Silence alerts, plan maintenance windows, list and end them.",
            subcommands = {SilenceAdd.class, Maintenance.class, SilenceList.class, SilenceExpire.class})
    static final class SilenceCommand {
    }

    @Command(name = "add", description = {
        "Silence the alerts whose labels match every --matcher (name=value, name!=value,",
        "name=~regex, name!~regex, as Alertmanager writes them). Silenced alerts are still",
        "recorded and counted, but declare and join nothing."})
    static final class SilenceAdd extends IncidentCommand {
        @Option(names = "--matcher", required = true, paramLabel = "MATCHER",
                description = "A label condition, such as alertname=HighLatency; repeat for more (all must hold).")
        List<String> matchers = new ArrayList<>();

        @Option(names = "--for", paramLabel = "DURATION", description = "How long, such as 2h or 30m (default: 1h).")
        Optional<String> duration = Optional.empty();

        @Option(names = "--until", paramLabel = "INSTANT", description = "When it ends, instead of --for.")
        Optional<String> until = Optional.empty();

        @Option(names = "--comment", defaultValue = "", description = "Why.")
        String comment;

        private List<LabelMatcher> parsed;

        @Override
        void check() {
            parsed = new ArrayList<>();
            for (String m : matchers) {
                try {
                    parsed.add(LabelMatcher.parse(m));
                } catch (ValidationException e) {
                    throw new ValidationException("--matcher", e.rule(), m);
                }
            }
            span(duration, until);
        }

        @Override
        int run(Session s) {
            Instant from = start(s);
            Silence silence = s.alerts().silence(Silence.of(parsed, from, end(from, duration, until),
                    actor(s), comment));
            return printed(s, silence, "Silenced " + String.join(", ", matchers) + " until "
                    + ReadCommands.WHEN.format(silence.endsAt()) + ": silence " + silence.id() + ".");
        }
    }

    @Command(name = "maintenance", description = {
        "Plan a maintenance window for a service: its alerts are recorded and counted, but declare",
        "and join nothing while it lasts."})
    static final class Maintenance extends IncidentCommand {
        @Option(names = "--service", required = true, description = "The service under maintenance.")
        String service;

        @Option(names = "--from", paramLabel = "INSTANT", description = "When it starts (default: now).")
        Optional<String> from = Optional.empty();

        @Option(names = "--for", paramLabel = "DURATION", description = "How long, such as 2h (default: 1h).")
        Optional<String> duration = Optional.empty();

        @Option(names = "--until", paramLabel = "INSTANT", description = "When it ends, instead of --for.")
        Optional<String> until = Optional.empty();

        @Option(names = "--comment", defaultValue = "", description = "What is done.")
        String comment;

        @Override
        void check() {
            span(duration, until);
            from.ifPresent(f -> Options.instant("--from", f));
        }

        @Override
        int run(Session s) {
            Instant start = from.map(f -> Options.instant("--from", f)).orElseGet(() -> start(s));
            Silence window = s.alerts().silence(Silence.maintenance(service, start, end(start, duration, until),
                    actor(s), comment));
            return printed(s, window, "Maintenance of " + service + " from " + ReadCommands.WHEN.format(window.startsAt())
                    + " until " + ReadCommands.WHEN.format(window.endsAt()) + ": " + window.id() + ".");
        }
    }

    @Command(name = "list", description = "List the silences and maintenance windows that are active or to come.")
    static final class SilenceList extends IncidentCommand {
        @Option(names = "--all", description = "Also those that have ended.")
        boolean all;

        @Override
        int run(Session s) {
            Instant now = s.incidents.clock().instant();
            List<Silence> shown = s.alerts().silences().stream().filter(x -> all || x.endsAt().isAfter(now)).toList();
            if (s.options.json()) {
                ObjectNode root = Printer.document();
                ArrayNode list = root.putArray("silences");
                shown.forEach(x -> list.add(JsonExport.silenceJson(x)));
                s.env.out.println(Printer.json(root));
                return 0;
            }
            if (shown.isEmpty()) {
                s.env.out.println(all ? "No silences." : "No active or planned silences.");
                return 0;
            }
            s.env.out.printf("%-36s %-11s %-20s %-20s %s%n", "ID", "KIND", "STARTS", "ENDS", "WHAT");
            for (Silence x : shown) {
                String what = x.kind() == Silence.Kind.MAINTENANCE ? "service " + x.service().orElseThrow()
                        : String.join(", ", x.matchers().stream().map(LabelMatcher::toString).toList());
                s.env.out.printf("%-36s %-11s %-20s %-20s %s%n", x.id(), x.kind().name().toLowerCase(Locale.ROOT),
                        ReadCommands.WHEN.format(x.startsAt()), ReadCommands.WHEN.format(x.endsAt()),
                        Escaping.plainTextLine(what + (x.comment().isEmpty() ? "" : " (" + x.comment() + ")")));
            }
            return 0;
        }
    }

    @Command(name = "expire", description = "End a silence or maintenance window now.")
    static final class SilenceExpire extends IncidentCommand {
        @Option(names = "--id", required = true, description = "The silence's id, as im silence list shows it.")
        String id;

        @Override
        int run(Session s) {
            Optional<Silence> ended = s.alerts().expire(id, actor(s));
            if (ended.isEmpty()) {
                s.env.err.println("im: No silence has the id " + id + ".");
                return Im.NOT_FOUND;
            }
            return printed(s, ended.get(), "Silence " + id + " ended at " + ReadCommands.WHEN.format(ended.get().endsAt()) + ".");
        }
    }

    private static Actor actor(Session s) {
        return s.options.context(s.env).actor();
    }

    private static Instant start(Session s) {
        return s.options.at.map(a -> Options.instant("--at", a)).orElseGet(() -> s.incidents.clock().instant());
    }

    private static int printed(Session s, Silence silence, String sentence) {
        if (s.options.json()) {
            ObjectNode root = Printer.document();
            root.set("silence", JsonExport.silenceJson(silence));
            s.env.out.println(Printer.json(root));
        } else {
            s.env.out.println(sentence);
        }
        return 0;
    }

    private static void span(Optional<String> duration, Optional<String> until) {
        if (duration.isPresent() && until.isPresent()) {
            throw new ValidationException("--for", "cannot be given with --until", duration.get());
        }
        duration.ifPresent(AlertCommands::duration);
        until.ifPresent(u -> Options.instant("--until", u));
    }

    private static Instant end(Instant start, Optional<String> duration, Optional<String> until) {
        if (until.isPresent()) {
            return Options.instant("--until", until.get());
        }
        return start.plus(duration.map(AlertCommands::duration).orElse(Duration.ofHours(1)));
    }

    /** {@code 90m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT2H}). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ValidationException("--for", "must be a positive duration such as 30m, 2h, 1d or PT2H", text);
        }
    }

    private static int limitOf(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("--limit", "must be a whole number from 1 to 1000", text);
    }
}
