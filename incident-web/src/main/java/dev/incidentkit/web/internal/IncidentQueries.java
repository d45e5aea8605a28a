package dev.incidentkit.web.internal;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The read model's filters as query parameters, one spelling for the API ({@code GET
 * /api/v1/incidents}) and the dashboard's list ({@code /incidents}), so that a list's URL and the
 * API call it makes name the same query.
 */
public final class IncidentQueries {

    /** The parameters {@link #parse} reads. */
    public static final Set<String> PARAMETERS = Set.of("status", "severity", "service", "text", "commander",
            "role_holder", "declared_from", "declared_before", "sort", "order", "limit", "cursor");

    private IncidentQueries() {}

    /**
     * @param parameter a parameter's one value, if given
     * @return the query they name; without any, every incident, latest declared first
     * @throws ValidationException naming the parameter whose value is not understood
     */
    public static IncidentQuery parse(Function<String, Optional<String>> parameter) {
        IncidentQuery query = parameter.apply("status").map(IncidentQueries::statuses).orElse(IncidentQuery.all());
        Optional<String> severity = parameter.apply("severity");
        if (severity.isPresent()) {
            var set = EnumSet.noneOf(Severity.class);
            for (String s : severity.get().split(",", -1)) {
                set.add(Severity.parse(s));
            }
            query = query.severity(set);
        }
        query = parameter.apply("service").map(query::service).orElse(query);
        query = parameter.apply("text").map(query::titleContains).orElse(query);
        query = parameter.apply("commander").map(query::commander).orElse(query);
        query = parameter.apply("role_holder").map(query::roleHolder).orElse(query);
        query = parameter.apply("declared_from").map(t -> instant("declared_from", t)).map(query::declaredFrom).orElse(query);
        query = parameter.apply("declared_before").map(t -> instant("declared_before", t)).map(query::declaredBefore)
                .orElse(query);
        SortKey key = parameter.apply("sort").map(s -> switch (s) {
            case "declared" -> SortKey.DECLARED;
            case "severity" -> SortKey.SEVERITY;
            default -> throw new ValidationException("sort", "must be declared or severity", s);
        }).orElse(SortKey.DECLARED);
        SortDirection direction = parameter.apply("order").map(s -> switch (s) {
            case "asc" -> SortDirection.ASCENDING;
            case "desc" -> SortDirection.DESCENDING;
            default -> throw new ValidationException("order", "must be asc or desc", s);
        }).orElse(SortDirection.DESCENDING);
        query = query.sortBy(key, direction);
        if (parameter.apply("limit").isPresent()) {
            query = query.limit(integer("limit", parameter.apply("limit").get()));
        }
        if (parameter.apply("cursor").isPresent()) {
            query = query.after(parameter.apply("cursor").get());
        }
        return query;
    }

    private static IncidentQuery statuses(String text) {
        return switch (text) {
            case "active" -> IncidentQuery.active();
            case "all" -> IncidentQuery.all();
            default -> {
                var set = EnumSet.noneOf(Status.class);
                for (String s : text.split(",", -1)) {
                    set.add(Status.parse(s));
                }
                yield IncidentQuery.all().status(set);
            }
        };
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be an instant such as 2025-08-23T14:30:00Z", text);
        }
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be an integer from 1 to " + IncidentQuery.MAX_LIMIT, text);
        }
    }
}
