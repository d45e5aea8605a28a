package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.internal.Validation;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the public {@link StatusPage} of a manager's incidents.
 *
 * <p><b>What is public.</b> An incident is on the page once it has a public update, and only
 * through its public updates: their titles, statuses, impacts and messages, when they were posted,
 * and the incident's id and services (the page's components). Nothing else of the incident is
 * read into the page: not its internal title, description, notes, roles, people or alerts, nor
 * who posted an update. An incident is resolved for customers when a public update says so, or
 * when it is no longer worked on (resolved, closed, canceled or a duplicate).
 *
 * <p><b>Components.</b> With {@link Builder#components} the page lists those services, in that
 * order, and no other (an incident's other services are left out of its components); without,
 * it lists every service of the incidents on the page, by name.
 *
 * <p><b>Cost.</b> A read queries the active incidents and those declared in the window (the read
 * model), and reads the history of each incident whose version changed since the previous read:
 * the first read of a process reads every such incident once; later reads, only the incidents
 * that changed. An incident declared before the window shows while it is active, not in the
 * history. Thread-safe.
 *
 * <pre>{@code
 * StatusPages pages = StatusPages.builder(incidents).components("checkout", "payments").build();
 * StatusPage page = pages.read();
 * }</pre>
 *
 * @since 0.5.0
 */
public final class StatusPages {

    /** How far back the history reaches unless told: the 90 days customers expect. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

    private final IncidentManager manager;
    private final List<String> components;
    private final Duration window;
    /** Each incident's public updates, newest first, as of a version: read again when it changes. */
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(long version, List<PublicUpdate> updates) {}

    private StatusPages(Builder b) {
        this.manager = b.manager;
        this.components = List.copyOf(b.components);
        this.window = b.window;
    }

    /**
     * @param manager the incidents
     * @return a builder of a reader of their status page
     */
    public static Builder builder(IncidentManager manager) {
        return new Builder(manager);
    }

    /** @return the components the page lists, in order; empty to list every affected service */
    public List<String> components() {
        return components;
    }

    /** @return how far back the history reaches */
    public Duration window() {
        return window;
    }

    /**
     * @return the status page now, by the manager's clock
     * @throws dev.incidentkit.core.StoreException if the store failed
     */
    public StatusPage read() {
        Instant now = manager.clock().instant();
        Instant from = now.minus(window);
        Map<String, Incident> candidates = new LinkedHashMap<>();
        collect(IncidentQuery.active(), candidates);
        collect(IncidentQuery.all().declaredFrom(from), candidates);

        List<PublicIncident> active = new ArrayList<>();
        List<PublicIncident> history = new ArrayList<>();
        synchronized (cache) {
            cache.keySet().retainAll(candidates.keySet());
            for (Incident incident : candidates.values()) {
                List<PublicUpdate> updates = updates(incident);
                if (updates.isEmpty()) {
                    continue;
                }
                PublicIncident p = publicIncident(incident, updates);
                if (!p.isResolved()) {
                    active.add(p);
                } else if (!p.latest().postedAt().isBefore(from)) {
                    history.add(p);
                }
            }
        }
        Comparator<PublicIncident> newestFirst = Comparator.comparing((PublicIncident p) -> p.latest().postedAt())
                .reversed().thenComparing(PublicIncident::id);
        active.sort(newestFirst);
        history.sort(newestFirst);
        return new StatusPage(now, window, components(active, history), active, history);
    }

    private void collect(IncidentQuery query, Map<String, Incident> into) {
        IncidentQuery q = query.sortBy(SortKey.DECLARED, SortDirection.DESCENDING).limit(IncidentQuery.MAX_LIMIT);
        IncidentPage page = manager.query(q);
        while (true) {
            page.incidents().forEach(i -> into.putIfAbsent(i.id(), i));
            if (page.nextCursor().isEmpty()) {
                return;
            }
            page = manager.query(q.after(page.nextCursor().get()));
        }
    }

    private List<PublicUpdate> updates(Incident incident) {
        Cached cached = cache.get(incident.id());
        if (cached != null && cached.version() == incident.version()) {
            return cached.updates();
        }
        List<PublicUpdate> updates;
        try {
            updates = new ArrayList<>(PublicUpdate.in(manager.history(incident.id())));
        } catch (IncidentNotFoundException e) {
            return List.of();   // deleted between the query and now
        }
        // Newest first; of two posted at the same instant, the later one.
        Collections.reverse(updates);
        List<PublicUpdate> copy = List.copyOf(updates);
        cache.put(incident.id(), new Cached(incident.version(), copy));
        return copy;
    }

    private PublicIncident publicIncident(Incident incident, List<PublicUpdate> updates) {
        PublicUpdate latest = updates.get(0);
        // The earliest of the run of "resolved" updates the list starts with (newest first): an
        // incident resolved, reopened for customers and resolved again was resolved the second time.
        Optional<Instant> saidResolved = Optional.empty();
        for (PublicUpdate u : updates) {
            if (u.status() != PublicStatus.RESOLVED) {
                break;
            }
            saidResolved = Optional.of(u.postedAt());
        }
        boolean over = !incident.status().isActive();
        boolean resolved = latest.status() == PublicStatus.RESOLVED || over;
        Optional<Instant> resolvedAt = !resolved ? Optional.empty()
                : latest.status() == PublicStatus.RESOLVED ? saidResolved
                : incident.milestones().resolvedAt().or(() -> incident.milestones().closedAt()).or(() -> Optional.of(latest.postedAt()));
        List<String> affected = new ArrayList<>();
        for (String service : incident.services()) {
            if (components.isEmpty() || components.contains(service)) {
                affected.add(service);
            }
        }
        return new PublicIncident(incident.id(), latest.title(), resolved ? PublicStatus.RESOLVED : latest.status(),
                resolved ? ComponentStatus.OPERATIONAL : latest.impact(), affected, updates.get(updates.size() - 1).postedAt(),
                resolvedAt, updates);
    }

    private List<Component> components(List<PublicIncident> active, List<PublicIncident> history) {
        Set<String> names = new LinkedHashSet<>(components);
        if (names.isEmpty()) {
            Set<String> sorted = new TreeSet<>();
            active.forEach(i -> sorted.addAll(i.components()));
            history.forEach(i -> sorted.addAll(i.components()));
            names.addAll(sorted);
        }
        Map<String, ComponentStatus> status = new LinkedHashMap<>();
        names.forEach(n -> status.put(n, ComponentStatus.OPERATIONAL));
        for (PublicIncident i : active) {
            for (String c : i.components()) {
                status.computeIfPresent(c, (k, s) -> s.worst(i.impact()));
            }
        }
        List<Component> list = new ArrayList<>();
        status.forEach((n, s) -> list.add(new Component(n, s)));
        return list;
    }

    /**
     * Configures {@link StatusPages}. Each setter checks its argument at once.
     *
     * @since 0.5.0
     */
    public static final class Builder {

        private final IncidentManager manager;
        private final List<String> components = new ArrayList<>();
        private Duration window = DEFAULT_WINDOW;

        private Builder(IncidentManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        /**
         * @param services the services the page lists, in order, such as {@code checkout}
         * @return this builder
         * @throws dev.incidentkit.core.ValidationException if a name is not a service name
         * @throws IllegalArgumentException if a service is named twice
         */
        public Builder components(List<String> services) {
            components.clear();
            for (String s : services) {
                Validation.service("components", Objects.requireNonNull(s, "component"));
                if (components.contains(s)) {
                    throw new IllegalArgumentException("component " + s + " is listed twice");
                }
                components.add(s);
            }
            return this;
        }

        /**
         * @param services the services the page lists, in order
         * @return this builder
         * @see #components(List)
         */
        public Builder components(String... services) {
            return components(List.of(services));
        }

        /**
         * @param duration how far back the history reaches; {@link #DEFAULT_WINDOW} unless told
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder window(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("window must be positive: " + duration);
            }
            this.window = duration;
            return this;
        }

        /** @return the reader */
        public StatusPages build() {
            return new StatusPages(this);
        }
    }
}
