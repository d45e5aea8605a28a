package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.export.CloudEventsExport;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.metrics.SeverityBasis;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands that read: list, show, timeline export, metrics, verify. */
final class ReadCommands {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ReadCommands() {}

    @Command(name = "list", description = {
        "List incidents from the read model, the most recently declared first, a page at a time.",
        "Filters combine with \"and\"; a list option takes several values separated by commas."})
    static final class ListIncidents extends IncidentCommand {
        @Option(names = "--status", paramLabel = "STATUS[,STATUS...]", defaultValue = "active",
                description = "active (default: not resolved, closed, canceled or duplicate), all, or statuses such as "
                        + "open,mitigated.")
        String status;

        @Option(names = "--severity", paramLabel = "S[,S...]", description = "Only these current severities, such as SEV-1,SEV-2.")
        Optional<String> severity = Optional.empty();

        @Option(names = "--service", description = "Only incidents affecting this service, as primary or correlated one.")
        Optional<String> service = Optional.empty();

        @Option(names = "--title", paramLabel = "TEXT", description = "Only incidents whose title contains this text (any case).")
        Optional<String> title = Optional.empty();

        @Option(names = "--commander", paramLabel = "USER", description = "Only incidents this user commands.")
        Optional<String> commander = Optional.empty();

        @Option(names = "--role-holder", paramLabel = "USER",
                description = "Only incidents where this user holds a role (commander, tech-lead or comms-lead).")
        Optional<String> roleHolder = Optional.empty();

        @Option(names = "--since", paramLabel = "DATE", description = "Declared on or after this day (UTC).")
        Optional<String> since = Optional.empty();

        @Option(names = "--until", paramLabel = "DATE", description = "Declared before this day (UTC).")
        Optional<String> until = Optional.empty();

        @Option(names = "--sort", paramLabel = "KEY", defaultValue = "declared",
                description = "declared (default), severity or last-change.")
        String sort;

        @Option(names = "--order", paramLabel = "asc|desc",
                description = "asc or desc (default: the newest first, and the most severe first for --sort severity).")
        Optional<String> order = Optional.empty();

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "The most incidents a page shows, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        String limit;

        @Option(names = "--after", paramLabel = "CURSOR",
                description = "The page after this cursor, as the previous page printed it.")
        Optional<String> after = Optional.empty();

        private ListQuery q;

        @Override
        void check() {
            q = ListQuery.of(this);
        }

        @Override
        int run(Session s) {
            IncidentPage page = s.incidents.query(q.query());
            long count = s.incidents.count(q.query());
            PrintStream out = s.env.out;
            if (s.options.json()) {
                Printer.page(s, page, count);
                return 0;
            }
            if (page.incidents().isEmpty()) {
                out.println(count == 0 ? "No " + q.noun(2) + "." : "No more " + q.noun(2) + " after this cursor.");
                return 0;
            }
            out.printf("%-14s %-6s %-14s %-16s %-20s %s%n", "ID", "SEV", "STATUS", "SERVICE", "DECLARED", "TITLE");
            for (Incident i : page.incidents()) {
                out.printf("%-14s %-6s %-14s %-16s %-20s %s%n", i.id(), i.severity(), i.status(), i.service(),
                        WHEN.format(i.milestones().declaredAt()), Escaping.plainTextLine(i.title()));
            }
            if (page.nextCursor().isEmpty() && after.isEmpty()) {
                out.println(count + " " + q.noun(count) + ".");
            } else {
                out.println(count + " " + q.noun(count) + "; this page shows " + page.incidents().size() + ".");
            }
            page.nextCursor().ifPresent(c -> out.println("Next page: " + nextPage(c)));
            return 0;
        }

        /**
         * The command line of the next page: this one's filters and order, in the shell's quoting, with
         * {@code --after}. Not {@code --db}, whose URL may hold a password that standard output must not show.
         */
        String nextPage(String cursor) {
            List<String> words = new ArrayList<>(List.of("im", "list", "--status", status));
            severity.ifPresent(v -> words.addAll(List.of("--severity", v)));
            service.ifPresent(v -> words.addAll(List.of("--service", v)));
            title.ifPresent(v -> words.addAll(List.of("--title", v)));
            commander.ifPresent(v -> words.addAll(List.of("--commander", v)));
            roleHolder.ifPresent(v -> words.addAll(List.of("--role-holder", v)));
            since.ifPresent(v -> words.addAll(List.of("--since", v)));
            until.ifPresent(v -> words.addAll(List.of("--until", v)));
            if (!sort.equalsIgnoreCase("declared")) {
                words.addAll(List.of("--sort", sort));
            }
            order.ifPresent(v -> words.addAll(List.of("--order", v)));
            if (!limit.equals("50")) {
                words.addAll(List.of("--limit", limit));
            }
            words.addAll(List.of("--after", cursor));
            return words.stream().map(ReadCommands::shellWord).collect(Collectors.joining(" "));
        }
    }

    /**
     * The query {@code im list} runs, read from its options. A bad value is a {@link
     * ValidationException} named by its flag, thrown before the store is opened.
     */
    record ListQuery(IncidentQuery query, boolean active) {

        static ListQuery of(ListIncidents o) {
            IncidentQuery q = IncidentQuery.all();
            boolean active = false;
            Set<Status> statuses = EnumSet.noneOf(Status.class);
            for (String word : o.status.split(",", -1)) {
                switch (word.strip().toLowerCase(Locale.ROOT)) {
                    case "active" -> {
                        statuses.addAll(IncidentQuery.activeStatuses());
                        active = true;
                    }
                    case "all" -> statuses.addAll(EnumSet.allOf(Status.class));
                    default -> {
                        try {
                            statuses.add(Status.parse(word));
                        } catch (ValidationException e) {
                            throw new ValidationException("--status", "must be active or all, or statuses among open, "
                                    + "acknowledged, investigating, identified, mitigated, resolved, closed, canceled, "
                                    + "duplicate, separated by commas", o.status);
                        }
                    }
                }
            }
            active = active && statuses.equals(IncidentQuery.activeStatuses());
            q = q.status(statuses.size() == Status.values().length ? Set.of() : statuses);
            if (o.severity.isPresent()) {
                Set<Severity> severities = EnumSet.noneOf(Severity.class);
                for (String word : o.severity.get().split(",", -1)) {
                    severities.add(Severity.parse(word));
                }
                q = q.severity(severities);
            }
            SortKey key = switch (o.sort.strip().toLowerCase(Locale.ROOT)) {
                case "declared" -> SortKey.DECLARED;
                case "severity" -> SortKey.SEVERITY;
                case "last-change" -> SortKey.LAST_CHANGE;
                default -> throw new ValidationException("--sort", "must be declared, severity or last-change", o.sort);
            };
            SortDirection direction = o.order.map(d -> switch (d.strip().toLowerCase(Locale.ROOT)) {
                case "asc" -> SortDirection.ASCENDING;
                case "desc" -> SortDirection.DESCENDING;
                default -> throw new ValidationException("--order", "must be asc or desc", d);
            }).orElse(key == SortKey.SEVERITY ? SortDirection.ASCENDING : SortDirection.DESCENDING);
            int size;
            try {
                size = Integer.parseInt(o.limit.strip());
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > IncidentQuery.MAX_LIMIT) {
                throw new ValidationException("--limit", "must be a whole number from 1 to " + IncidentQuery.MAX_LIMIT,
                        o.limit);
            }
            q = q.sortBy(key, direction).limit(size);
            Instant from = o.since.map(d -> Metrics.day("--since", d)).orElse(null);
            Instant before = o.until.map(d -> Metrics.day("--until", d)).orElse(null);
            q = q.declaredBetween(from, before);
            // The library names its own fields (titleContains, roleHolder, cursor); CliMessages
            // turns them into these flags.
            if (o.service.isPresent()) {
                q = q.service(o.service.get());
            }
            if (o.title.isPresent()) {
                q = q.titleContains(o.title.get());
            }
            if (o.commander.isPresent()) {
                q = q.commander(o.commander.get());
            }
            if (o.roleHolder.isPresent()) {
                q = q.roleHolder(o.roleHolder.get());
            }
            if (o.after.isPresent()) {
                try {
                    PageCursor.parse(o.after.get());
                } catch (ValidationException e) {
                    throw new ValidationException("--after", "is not a page cursor: copy the one the previous page "
                            + "printed", o.after.get());
                }
                q = q.after(o.after.get());
            }
            return new ListQuery(q, active);
        }

        /** @return "active incidents", "incident" and their like, for {@code n} of them */
        String noun(long n) {
            return (active ? "active " : "") + (n == 1 ? "incident" : "incidents");
        }
    }

    /** A word as a POSIX shell reads it back: as is when plain, else in single quotes. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    @Command(name = "show", description = "Show one incident: its facts, roles, action items and timeline.")
    static final class Show extends WriteCommands.OnIncident {
        @Override
        int run(Session s) {
            PrintStream out = s.env.out;
            if (s.options.json()) {
                out.print(JsonExport.document(s.incidents.history(incident)));
                return 0;
            }
            // The facts from the read model's snapshot; the events only for the timeline below.
            Incident i = s.incidents.get(incident);
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
            out.print(TextExport.timeline(s.incidents.history(incident)));
            return 0;
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
