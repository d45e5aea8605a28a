package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code im list}: a page of the read model's incidents, their count and the next page's command. */
@Command(name = "list", description = {
    "List incidents from the read model, the most recently declared first, a page at a time.",
    "Filters combine with \"and\"; a list option takes several values separated by commas."})
final class ListCommand extends IncidentCommand {
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
                    ReadCommands.WHEN.format(i.milestones().declaredAt()), Escaping.plainTextLine(i.title()));
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
        return words.stream().map(ListCommand::shellWord).collect(Collectors.joining(" "));
    }

    /**
     * The query {@code im list} runs, read from its options. A bad value is a {@link
     * ValidationException} named by its flag, thrown before the store is opened.
     */
    record ListQuery(IncidentQuery query, boolean active) {

        static ListQuery of(ListCommand o) {
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
            if (o.since.isPresent()) {
                q = q.declaredFrom(ReadCommands.Metrics.day("--since", o.since.get()));
            }
            if (o.until.isPresent()) {
                q = q.declaredBefore(ReadCommands.Metrics.day("--until", o.until.get()));
            }
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
}
