package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.PagingMetrics;
import dev.incidentkit.core.oncall.PagingReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code im paging}: pages per person, and per shift of a schedule, over a span, from the
 * {@code incident.paged} events of the store ({@link PagingMetrics}). After hours is outside the
 * working time of the escalation policy's calendar.
 */
@Command(name = "paging", description = {
    "Pages per person (and per shift of --schedule) from --from to --to: how many, how many after hours,"
            + " and how long until the incident was acknowledged."})
final class PagingCommand extends IncidentCommand {

    /** The longest span: a year, as {@code im schedule shifts}. */
    private static final Duration LONGEST = Duration.ofDays(366);

    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "The start of the span, such as 2026-03-01T00:00:00Z.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "The end of the span (not included), at most 366 days after --from.")
    String to;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The on-call file (default: $IM_ONCALL, else oncall.json in $IM_HOME or ~/.im).")
    Optional<Path> config = Optional.empty();

    @Option(names = "--policy", paramLabel = "ID",
            description = "The escalation policy whose calendar tells working time from after hours (default: the file's only policy).")
    Optional<String> policy = Optional.empty();

    @Option(names = "--schedule", paramLabel = "ID", description = "Also count the pages of each shift of this schedule.")
    Optional<String> schedule = Optional.empty();

    private Instant start;
    private Instant end;

    @Override
    void check() {
        start = Options.instant("--from", from);
        end = Options.instant("--to", to);
        if (!end.isAfter(start)) {
            throw new ValidationException("--to", "must be after --from (" + from + ")", to);
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ValidationException("--to", "must be at most 366 days after --from", to);
        }
    }

    @Override
    int run(Session s) {
        OnCallConfig on = OnCallCommands.read(config.orElseGet(() -> OnCallCommands.defaultFile(s.env)));
        EscalationPolicy calendarOf = policy(on);
        var shifts = schedule.map(id -> OnCallCommands.OnCallFile.schedule(on, id));
        PagingReport report = PagingMetrics.of(s.incidents, calendarOf.calendar(), start, end);
        List<PagingReport.ShiftPaging> perShift = shifts.map(sc -> PagingMetrics.perShift(report, sc)).orElse(List.of());
        PrintStream out = s.env.out;
        if (s.options.json()) {
            ObjectNode root = Printer.document().put("from", start.toString()).put("to", end.toString())
                    .put("policy", calendarOf.id()).put("pages", report.pages().size());
            ArrayNode people = root.putArray("people");
            for (PagingReport.PersonPaging p : report.people()) {
                ObjectNode o = people.addObject().put("person", p.person()).put("pages", p.pages())
                        .put("after_hours", p.afterHours()).put("never_acknowledged", p.neverAcknowledged())
                        .put("paged_after_acknowledgment", p.pagedAfterAcknowledgment());
                DurationStats t = p.timeToAcknowledge();
                if (t.count() > 0) {
                    o.put("time_to_acknowledge_median_seconds", t.median().getSeconds())
                            .put("time_to_acknowledge_p90_seconds", t.p90().getSeconds());
                }
            }
            if (shifts.isPresent()) {
                ArrayNode list = root.put("schedule", shifts.get().id()).putArray("shifts");
                for (PagingReport.ShiftPaging sp : perShift) {
                    list.addObject().put("person", sp.shift().person()).put("start", sp.shift().start().toString())
                            .put("end", sp.shift().end().toString()).put("pages", sp.pages()).put("after_hours", sp.afterHours());
                }
            }
            out.println(Printer.json(root));
            return 0;
        }
        int pages = report.pages().size();
        out.println(pages + (pages == 1 ? " page" : " pages") + " from " + ReadCommands.WHEN.format(start) + " to "
                + ReadCommands.WHEN.format(end) + " (after hours: outside " + Escaping.plainTextLine(calendarOf.name())
                + "'s working time).");
        out.printf("%-16s %6s %12s %14s %10s %10s%n", "PERSON", "PAGES", "AFTER HOURS", "NEVER ACKED", "ACK MEDIAN", "ACK P90");
        for (PagingReport.PersonPaging p : report.people()) {
            DurationStats t = p.timeToAcknowledge();
            out.printf("%-16s %6d %12d %14d %10s %10s%n", Escaping.plainTextLine(p.person()), p.pages(), p.afterHours(),
                    p.neverAcknowledged(), t.count() > 0 ? human(t.median()) : "-", t.count() > 0 ? human(t.p90()) : "-");
        }
        if (shifts.isPresent()) {
            out.println();
            out.println("Shifts of " + Escaping.plainTextLine(shifts.get().id()) + ":");
            out.printf("%-16s %-20s %-20s %6s %12s%n", "PERSON", "FROM", "TO", "PAGES", "AFTER HOURS");
            for (PagingReport.ShiftPaging sp : perShift) {
                out.printf("%-16s %-20s %-20s %6d %12d%n", Escaping.plainTextLine(sp.shift().person()),
                        ReadCommands.WHEN.format(sp.shift().start()), ReadCommands.WHEN.format(sp.shift().end()), sp.pages(),
                        sp.afterHours());
            }
        }
        return 0;
    }

    private EscalationPolicy policy(OnCallConfig on) {
        if (policy.isPresent()) {
            return on.policy(policy.get()).orElseThrow(() -> badPolicy(on, policy.get()));
        }
        if (on.policies().size() != 1) {
            throw badPolicy(on, "");
        }
        return on.policies().values().iterator().next();
    }

    private static ValidationException badPolicy(OnCallConfig on, String value) {
        return new ValidationException("--policy", "must name an escalation policy of the on-call file ("
                + (on.policies().isEmpty() ? "it has none" : String.join(", ", on.policies().keySet())) + ")", value);
    }

    private static String human(Duration d) {
        long seconds = d.getSeconds();
        return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" + String.format("%02ds", seconds % 60)
                : seconds / 3600 + "h" + String.format("%02dm", seconds / 60 % 60);
    }
}
