package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.CloudEventsExport;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.metrics.SeverityBasis;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands that read one incident, or metrics: show, timeline export, metrics, verify ({@link ListCommand} lists). */
final class ReadCommands {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ReadCommands() {}

    @Command(name = "show", description = "Show one incident: its facts, roles, action items and timeline.")
    static final class Show extends WriteCommands.OnIncident {
        @Override
        int run(Session s) {
            PrintStream out = s.env.out;
            if (s.options.json()) {
                out.print(JsonExport.document(s.incidents.history(incident)));
                return 0;
            }
            List<RecordedEvent> history = s.incidents.history(incident);
            Incident i = facts(s.incidents.get(incident), history);
            out.println(i.id() + "  " + Escaping.plainTextLine(i.title()));
            String severity = i.severity() + " (" + i.severity().label() + ")";
            out.println(field("Severity") + (i.peakSeverity() == i.severity() ? severity
                    : severity + ", " + i.peakSeverity() + " (" + i.peakSeverity().label() + ") at peak"));
            out.println(field("Status") + i.status());
            out.println(field("Services") + String.join(", ", i.services()));
            out.println(field("Declared") + WHEN.format(i.milestones().declaredAt()) + " by " + i.declaredBy());
            for (Role role : Role.values()) {
                i.role(role).ifPresent(a -> out.println(field(role.wireName()) + a));
            }
            if (!i.actionItems().isEmpty()) {
                out.println("  Action items:");
                for (ActionItem item : i.actionItems()) {
                    out.println("    " + (item.isDone() ? "[x] " : "[ ] ") + "#" + item.id() + " "
                            + Escaping.plainTextLine(item.text())
                            + item.owner().map(o -> " (owner: " + o + ")").orElse("")
                            + item.due().map(d -> " (due: " + d + ")").orElse(""));
                }
            }
            out.println();
            out.print(TextExport.timeline(history));
            return 0;
        }

        /**
         * The facts to print above the timeline: the read model's snapshot, unless a command
         * appended between the two reads, when the fold of the history agrees with the timeline.
         */
        static Incident facts(Incident snapshot, List<RecordedEvent> history) {
            return history.get(history.size() - 1).version() == snapshot.version() ? snapshot
                    : Incident.replay(history);
        }

        /** The longest label, {@code comms-lead:}, is 11 characters: one column more keeps a space after each. */
        private static String field(String label) {
            return String.format("  %-12s", label + ":");
        }
    }

    @Command(name = "timeline", description = "Work with an incident's timeline.", subcommands = Export.class)
    static final class Timeline {
    }

    @Command(name = "export", description = "Export an incident: md (the postmortem), json, cloudevents or text.")
    static final class Export extends WriteCommands.OnIncident {
        @Option(names = "--format", defaultValue = "md", description = "md (default), json, cloudevents or text.")
        String format;

        @Override
        int run(Session s) {
            List<RecordedEvent> history = s.incidents.history(incident);
            String document;
            switch (format.toLowerCase(Locale.ROOT)) {
                case "md": case "markdown": document = MarkdownExport.postmortem(history); break;
                case "json": document = JsonExport.document(history); break;
                case "cloudevents": document = CloudEventsExport.lines(history, s.incidents.cloudEvents()); break;
                case "text": document = TextExport.timeline(history); break;
                default: throw new ValidationException("--format", "must be md, json, cloudevents or text", format);
            }
            s.env.out.print(document);
            return 0;
        }
    }

    @Command(name = "metrics", description = "MTTD, MTTA, MTTI, MTTM and MTTR over the incidents you choose.")
    static final class Metrics extends IncidentCommand {
        @Option(names = "--since", paramLabel = "DATE", description = "Declared on or after this day (UTC).")
        Optional<String> since = Optional.empty();

        @Option(names = "--until", paramLabel = "DATE", description = "Declared before this day (UTC).")
        Optional<String> until = Optional.empty();

        @Option(names = "--severity", description = "Only this severity (see --by).")
        Optional<String> severity = Optional.empty();

        @Option(names = "--by", paramLabel = "peak|current", defaultValue = "peak",
                description = "Which severity --severity and the counts by severity use: the peak one (default) or the current one.")
        String by;

        @Option(names = "--service", description = "Only incidents affecting this service.")
        Optional<String> service = Optional.empty();

        @Override
        int run(Session s) {
            MetricQuery query;
            try {
                query = MetricQuery.all().severityBasis(SeverityBasis.parse(by));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("--by", "must be peak or current", by);
            }
            if (since.isPresent()) {
                query = query.since(day("--since", since.get()));
            }
            if (until.isPresent()) {
                query = query.until(day("--until", until.get()));
            }
            if (severity.isPresent()) {
                query = query.severity(Severity.parse(severity.get()));
            }
            if (service.isPresent()) {
                query = query.service(service.get());
            }
            MetricsReport report = s.incidents.metrics(query);
            Instant alertsFrom = since.map(d -> day("--since", d)).orElse(Instant.EPOCH);
            Instant alertsUntil = until.map(d -> day("--until", d)).orElse(s.incidents.clock().instant().plusSeconds(1));
            AlertCounts alerts = s.alerts().counts(alertsFrom, alertsUntil);
            PrintStream out = s.env.out;
            if (s.options.json()) {
                ObjectNode root = Printer.document();
                root.put("incidents", report.incidents());
                root.put("canceled", report.canceled());
                root.put("duplicates", report.duplicates());
                for (Metric metric : Metric.values()) {
                    DurationStats st = report.stats(metric);
                    ObjectNode m = root.putObject(metric.name().toLowerCase(Locale.ROOT));
                    m.put("count", st.count());
                    m.put("missing", st.missing());
                    m.put("mean_seconds", st.mean().getSeconds());
                    m.put("median_seconds", st.median().getSeconds());
                    m.put("p90_seconds", st.p90().getSeconds());
                    m.put("p95_seconds", st.p95().getSeconds());
                    m.put("p99_seconds", st.p99().getSeconds());
                    m.put("max_seconds", st.max().getSeconds());
                }
                root.set("alerts", JsonExport.alertCountsJson(alerts));
                out.println(Printer.json(root));
                return 0;
            }
            out.println("Incidents: " + report.incidents() + " (left out: " + report.canceled() + " canceled, "
                    + report.duplicates() + " duplicates)");
            out.printf("%-6s %6s %8s %10s %10s %10s %10s %10s %10s%n",
                    "METRIC", "COUNT", "MISSING", "MEAN", "MEDIAN", "P90", "P95", "P99", "MAX");
            for (Metric metric : Metric.values()) {
                DurationStats st = report.stats(metric);
                out.printf("%-6s %6d %8d %10s %10s %10s %10s %10s %10s%n", metric, st.count(), st.missing(),
                        human(st.mean()), human(st.median()), human(st.p90()), human(st.p95()), human(st.p99()),
                        human(st.max()));
            }
            out.println("Alerts (first seen" + since.map(d -> " from " + d).orElse("") + until.map(d -> " before " + d)
                    .orElse("") + ", whatever their service and severity): " + AlertCommands.figures(alerts) + ".");
            return 0;
        }

        /** The start of a day, UTC, read from {@code text} for {@code flag}. */
        static Instant day(String flag, String text) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ValidationException(flag, "must be a date such as 2025-08-01", text);
            }
        }

        private static String human(Duration d) {
            long minutes = d.toMinutes();
            if (minutes < 60) {
                return minutes + "m";
            }
            return d.toHours() + "h" + String.format("%02d", minutes % 60) + "m";
        }
    }

    @Command(name = "verify", description = "Check an incident's hash chain: changed, removed or reordered events.")
    static final class Verify extends WriteCommands.OnIncident {
        @Override
        int run(Session s) {
            VerificationResult result = s.incidents.verify(incident);
            if (s.options.json()) {
                ObjectNode n = Printer.document();
                n.put("incident_id", result.incidentId());
                n.put("intact", result.isIntact());
                n.put("events_checked", result.eventsChecked());
                result.firstBad().ifPresent(v -> {
                    n.put("first_bad_version", v.version());
                    n.put("reason", v.reason());
                });
                s.env.out.println(Printer.json(n));
            } else if (result.isIntact()) {
                s.env.out.println("Hash chain of " + incident + " is intact: " + result.eventsChecked() + " events verified.");
            } else {
                VerificationResult.Violation v = result.firstBad().orElseThrow();
                s.env.out.println("Hash chain of " + incident + " is BROKEN at version " + v.version() + ": " + v.reason());
            }
            return result.isIntact() ? 0 : Im.TAMPERED;
        }
    }
}
