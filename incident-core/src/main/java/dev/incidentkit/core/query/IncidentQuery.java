package dev.incidentkit.core.query;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which incidents to read from the read model, in which order, one page at a time. Immutable: each
 * method returns a new query. Every filter that is set must hold (they combine with "and"); an
 * empty set or an empty optional does not filter.
 *
 * <pre>{@code
 * IncidentQuery query = IncidentQuery.active().severity(Severity.SEV1, Severity.SEV2);
 * IncidentPage first = incidents.query(query);
 * Optional<IncidentPage> second = first.nextCursor().map(c -> incidents.query(query.after(c)));
 * }</pre>
 *
 * <p>A cursor belongs to the query whose page gave it: its order and its filters (the cursor
 * carries their {@link #fingerprint()}). A query with another order or other filters refuses it
 * with a {@link ValidationException} on {@code cursor}, so set the filters first and {@link
 * #after} last; the page size may change from page to page.
 *
 * <p>{@link #matches} and {@link #comparator} are the reference every store agrees with (the
 * contract suite holds them to it).
 *
 * @param statuses the statuses to keep; empty for all
 * @param severities the current severities to keep; empty for all
 * @param service a service the incident affects, as its primary service or a correlated one
 * @param declaredFrom the earliest declaration instant to keep (inclusive)
 * @param declaredBefore the declaration instant to keep incidents before (exclusive)
 * @param titleContains text the title contains, ignoring case (as {@link IncidentSummary#titleKey()} folds it)
 * @param commander the name of the incident commander
 * @param roleHolder the name of anyone holding a role (commander, tech lead, comms lead)
 * @param sortKey what to sort by; {@link SortKey#DECLARED} unless set
 * @param direction the order's direction; {@link SortDirection#DESCENDING} (newest first) unless set
 * @param after the end of the previous page, if this query asks for the next one
 * @param limit the most incidents a page holds, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT}
 *     unless set
 * @since 0.2.0
 */
public record IncidentQuery(
        Set<Status> statuses,
        Set<Severity> severities,
        Optional<String> service,
        Optional<Instant> declaredFrom,
        Optional<Instant> declaredBefore,
        Optional<String> titleContains,
        Optional<String> commander,
        Optional<String> roleHolder,
        SortKey sortKey,
        SortDirection direction,
        Optional<PageCursor> after,
        int limit) {

    /** The page size of a query that does not set one. */
    public static final int DEFAULT_LIMIT = 50;

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1_000;

    private static final Set<Status> ACTIVE = EnumSet.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING,
            Status.IDENTIFIED, Status.MITIGATED);

    /**
     * Copies the sets and checks the values.
     *
     * @throws ValidationException if the limit is out of range, a text is blank or too long, or
     *     the cursor belongs to another query (another order or other filters)
     */
    public IncidentQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        severities = severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        service.ifPresent(s -> Validation.service("service", s));
        Objects.requireNonNull(declaredFrom, "declaredFrom");
        Objects.requireNonNull(declaredBefore, "declaredBefore");
        titleContains.ifPresent(t -> Validation.singleLine("titleContains", t, 1, Validation.MAX_TITLE));
        commander.ifPresent(c -> Validation.singleLine("commander", c, 1, Validation.MAX_ACTOR));
        roleHolder.ifPresent(r -> Validation.singleLine("roleHolder", r, 1, Validation.MAX_ACTOR));
        Objects.requireNonNull(sortKey, "sortKey");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(after, "after");
        if (after.isPresent() && (after.get().key() != sortKey || after.get().direction() != direction)) {
            throw new ValidationException("cursor", "was made for another order (" + after.get().key() + " "
                    + after.get().direction() + ") than this query's (" + sortKey + " " + direction + ")",
                    after.get().encode());
        }
        // The fields are not assigned yet: the fingerprint is computed from the parameters.
        if (after.isPresent() && !after.get().filters().equals(fingerprint(statuses, severities, service, declaredFrom,
                declaredBefore, titleContains, commander, roleHolder))) {
            throw new ValidationException("cursor", "belongs to another query: it was made for other filters than "
                    + "this query's; pass a cursor to the query whose page gave it", after.get().encode());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT, limit);
        }
    }

    /** @return every incident, newest declared first, {@value #DEFAULT_LIMIT} a page */
    public static IncidentQuery all() {
        return new IncidentQuery(Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SortKey.DECLARED, SortDirection.DESCENDING,
                Optional.empty(), DEFAULT_LIMIT);
    }

    /** @return the incidents still being worked on: not resolved, closed, canceled or duplicate */
    public static IncidentQuery active() {
        return all().status(ACTIVE);
    }

    /** @return the statuses an active incident has, from open to mitigated */
    public static Set<Status> activeStatuses() {
        return ACTIVE;
    }

    /** @return this query, keeping only incidents in one of these statuses */
    public IncidentQuery status(Set<Status> keep) {
        return new IncidentQuery(keep, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, sortKey, direction, after, limit);
    }

    /** @return this query, keeping only incidents in one of these statuses */
    public IncidentQuery status(Status first, Status... more) {
        EnumSet<Status> keep = EnumSet.of(first, more);
        return status(keep);
    }

    /** @return this query, keeping only incidents of one of these current severities */
    public IncidentQuery severity(Set<Severity> keep) {
        return new IncidentQuery(statuses, keep, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, sortKey, direction, after, limit);
    }

    /** @return this query, keeping only incidents of one of these current severities */
    public IncidentQuery severity(Severity first, Severity... more) {
        return severity(EnumSet.of(first, more));
    }

    /** @return this query, keeping only incidents that affect this service, primary or correlated */
    public IncidentQuery service(String name) {
        return new IncidentQuery(statuses, severities, Optional.of(name), declaredFrom, declaredBefore, titleContains,
                commander, roleHolder, sortKey, direction, after, limit);
    }

    /**
     * @param from the earliest declaration to keep (inclusive)
     * @return this query, keeping only incidents declared at {@code from} or later
     */
    public IncidentQuery declaredFrom(Instant from) {
        return new IncidentQuery(statuses, severities, service, Optional.of(from), declaredBefore, titleContains,
                commander, roleHolder, sortKey, direction, after, limit);
    }

    /**
     * @param before the declaration instant to keep incidents before (exclusive)
     * @return this query, keeping only incidents declared before {@code before}
     */
    public IncidentQuery declaredBefore(Instant before) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, Optional.of(before), titleContains,
                commander, roleHolder, sortKey, direction, after, limit);
    }

    /** @return this query, keeping only incidents whose title contains this text, ignoring case */
    public IncidentQuery titleContains(String text) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, Optional.of(text),
                commander, roleHolder, sortKey, direction, after, limit);
    }

    /** @return this query, keeping only incidents this person commands */
    public IncidentQuery commander(String name) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains,
                Optional.of(name), roleHolder, sortKey, direction, after, limit);
    }

    /** @return this query, keeping only incidents where this person holds any role */
    public IncidentQuery roleHolder(String name) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                Optional.of(name), sortKey, direction, after, limit);
    }

    /** @return this query in another order, from its first page */
    public IncidentQuery sortBy(SortKey key, SortDirection inDirection) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, key, inDirection, Optional.empty(), limit);
    }

    /**
     * @param cursor a {@link IncidentPage#nextCursor()} of this query
     * @return this query's page after the one that cursor ended
     * @throws ValidationException if the cursor is not one, or belongs to another query (another
     *     order or other filters)
     */
    public IncidentQuery after(String cursor) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, sortKey, direction, Optional.of(PageCursor.parse(cursor)), limit);
    }

    /** @return this query from its first page */
    public IncidentQuery firstPage() {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, sortKey, direction, Optional.empty(), limit);
    }

    /** @return this query with pages of at most {@code size} incidents */
    public IncidentQuery limit(int size) {
        return new IncidentQuery(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder, sortKey, direction, after, size);
    }

    /** @return {@link #titleContains()} folded as {@link IncidentSummary#titleKey()} is, which a store compares it with */
    public Optional<String> titleKey() {
        return titleContains.map(IncidentSummary::fold);
    }

    /**
     * Whether a summary passes every filter of this query (the cursor aside).
     *
     * @param s the summary
     * @return true if it is an answer of this query
     */
    public boolean matches(IncidentSummary s) {
        var incident = s.incident();
        Instant declared = incident.milestones().declaredAt();
        return (statuses.isEmpty() || statuses.contains(incident.status()))
                && (severities.isEmpty() || severities.contains(incident.severity()))
                && (service.isEmpty() || incident.service().equals(service.get())
                        || incident.correlatedServices().contains(service.get()))
                && (declaredFrom.isEmpty() || !declared.isBefore(declaredFrom.get()))
                && (declaredBefore.isEmpty() || declared.isBefore(declaredBefore.get()))
                && (titleContains.isEmpty() || s.titleKey().contains(titleKey().orElseThrow()))
                && (commander.isEmpty() || s.commander().equals(commander))
                && (roleHolder.isEmpty() || s.roleHolders().contains(roleHolder.get()));
    }

    /**
     * The value a summary sorts by under {@code key}: microseconds since the epoch for instants,
     * the level (1 to 4) for the severity.
     *
     * @param key the sort
     * @param s the summary
     * @return its value
     */
    public static long sortValue(SortKey key, IncidentSummary s) {
        return switch (key) {
            case DECLARED -> micros(s.incident().milestones().declaredAt());
            case SEVERITY -> s.incident().severity().level();
            case LAST_CHANGE -> micros(s.lastChangedAt());
        };
    }

    /** @return the order of this query's answers: by {@link #sortValue}, then by incident id, in its direction */
    public Comparator<IncidentSummary> comparator() {
        Comparator<IncidentSummary> ascending = Comparator.<IncidentSummary>comparingLong(s -> sortValue(sortKey, s))
                .thenComparing(IncidentSummary::id);
        return direction == SortDirection.ASCENDING ? ascending : ascending.reversed();
    }

    /**
     * Whether a summary comes after this query's cursor (always true on a first page).
     *
     * @param s the summary
     * @return true if it belongs to this page or a later one
     */
    public boolean isAfterCursor(IncidentSummary s) {
        if (after.isEmpty()) {
            return true;
        }
        PageCursor c = after.get();
        long value = sortValue(sortKey, s);
        int byValue = Long.compare(value, c.value());
        int cmp = byValue != 0 ? byValue : s.id().compareTo(c.incidentId());
        return direction == SortDirection.ASCENDING ? cmp > 0 : cmp < 0;
    }

    /**
     * @param last the last summary of a page
     * @return the cursor after it, in this query's order
     */
    public PageCursor cursorAfter(IncidentSummary last) {
        return new PageCursor(sortKey, direction, fingerprint(), sortValue(sortKey, last), last.id());
    }

    /**
     * A stable hash of this query's filters (statuses, severities, service, declaration bounds,
     * title, commander, role holder; not the order, cursor or page size), which its cursors carry
     * so that a query with other filters refuses them. It is the first 8 bytes of the SHA-256 of a
     * canonical text of the filters: the same in every JVM and every run, whatever order a set
     * iterates in.
     *
     * @return 16 lower-case hexadecimal digits
     */
    public String fingerprint() {
        return fingerprint(statuses, severities, service, declaredFrom, declaredBefore, titleContains, commander,
                roleHolder);
    }

    private static String fingerprint(Set<Status> statuses, Set<Severity> severities, Optional<String> service,
            Optional<Instant> declaredFrom, Optional<Instant> declaredBefore, Optional<String> titleContains,
            Optional<String> commander, Optional<String> roleHolder) {
        String text = "statuses=" + names(statuses)
                + "\nseverities=" + names(severities)
                + "\nservice=" + canonical(service)
                + "\ndeclared_from=" + canonical(declaredFrom.map(Instant::toString))
                + "\ndeclared_before=" + canonical(declaredBefore.map(Instant::toString))
                + "\ntitle=" + canonical(titleContains.map(IncidentSummary::fold))
                + "\ncommander=" + canonical(commander)
                + "\nrole_holder=" + canonical(roleHolder);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The names, sorted: a set's iteration order may differ from one JVM run to the next. */
    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** Absent as {@code -}, present with its length first, so that no text can pass for another field. */
    private static String canonical(Optional<String> value) {
        return value.map(v -> v.length() + ":" + v).orElse("-");
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    @Override
    public String toString() {
        return "IncidentQuery" + Arrays.asList(statuses, severities, service, declaredFrom, declaredBefore,
                titleContains, commander, roleHolder, sortKey, direction, after.map(PageCursor::encode), limit);
    }
}
