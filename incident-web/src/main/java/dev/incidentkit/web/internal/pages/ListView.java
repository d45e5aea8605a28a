package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.web.internal.IncidentQueries;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The incidents list ({@code /incidents}): the read model's filters, with the API's parameter
 * names, kept in the URL so that a filtered list can be shared, and paged by the query's cursor.
 *
 * @param frame the page's frame
 * @param status the status filter as given, such as {@code active}, or empty
 * @param severity the severity filter as given, or empty
 * @param service the service filter as given, or empty
 * @param text the title filter as given, or empty
 * @param statuses the status filter's choices, as (value, label)
 * @param severities the severity filter's choices
 * @param kept the filters given in the URL that the form has no field for (commander, sort...),
 *     which it carries on as hidden fields
 * @param rows the incidents of this page
 * @param next the URL of the next page, if there is one
 * @param filtered whether any filter is set
 */
public record ListView(
        Frame frame,
        String status,
        String severity,
        String service,
        String text,
        List<Choice> statuses,
        List<Severity> severities,
        List<Parameter> kept,
        List<Row> rows,
        Optional<String> next,
        boolean filtered) {

    /** How many incidents a page lists. */
    static final int PAGE = 25;

    /** The filters the form has fields for; a new one gets a field, or is carried on hidden. */
    private static final Set<String> FIELDS = Set.of("status", "severity", "service", "text");

    /**
     * A query parameter.
     *
     * @param name its name
     * @param value its value
     */
    public record Parameter(String name, String value) {}

    /**
     * A choice of a select.
     *
     * @param value what the URL carries
     * @param label what the user reads
     */
    public record Choice(String value, String label) {}

    /**
     * One incident.
     *
     * @param id its id
     * @param title its title
     * @param severity its severity
     * @param status its status in words
     * @param service its primary service
     * @param declared when it was declared, in words
     * @param declaredIso the same, for {@code <time datetime>}
     * @param commander its commander, or empty
     */
    public record Row(String id, String title, Severity severity, String status, String service, String declared,
            String declaredIso, String commander) {}

    static ListView of(IncidentManager incidents, Frame frame, Function<String, Optional<String>> parameter, Instant now) {
        Function<String, Optional<String>> withLimit =
                name -> name.equals("limit") ? parameter.apply(name).or(() -> Optional.of(String.valueOf(PAGE))) : parameter.apply(name);
        IncidentPage page = incidents.query(IncidentQueries.parse(withLimit));
        List<Row> rows = page.incidents().stream().map(ListView::row).toList();
        Optional<String> next = page.nextCursor().map(cursor -> href(parameter, cursor));
        boolean filtered = IncidentQueries.PARAMETERS.stream()
                .anyMatch(p -> !p.equals("cursor") && !p.equals("limit") && parameter.apply(p).isPresent());
        // A severity the query accepted in another spelling (P1, 1) is echoed as the select's option (SEV-1).
        String severity = parameter.apply("severity").filter(v -> !v.contains(","))
                .map(v -> Severity.parse(v).toString()).orElse(value(parameter, "severity"));
        return new ListView(frame, value(parameter, "status"), severity, value(parameter, "service"), value(parameter, "text"),
                statusChoices(), List.of(Severity.values()), kept(parameter), rows, next, filtered);
    }

    private static Row row(Incident i) {
        return new Row(i.id(), i.title(), i.severity(), Texts.status(i.status()), i.service(),
                Texts.dateTime(i.milestones().declaredAt()), Texts.iso(i.milestones().declaredAt()),
                i.role(Role.COMMANDER).map(Actor::name).orElse(""));
    }

    private static List<Parameter> kept(Function<String, Optional<String>> parameter) {
        return new TreeSet<>(IncidentQueries.PARAMETERS).stream()
                .filter(name -> !FIELDS.contains(name) && !name.equals("cursor"))
                .flatMap(name -> parameter.apply(name).map(v -> new Parameter(name, v)).stream())
                .toList();
    }

    private static String value(Function<String, Optional<String>> parameter, String name) {
        return parameter.apply(name).orElse("");
    }

    private static List<Choice> statusChoices() {
        var out = new java.util.ArrayList<Choice>();
        out.add(new Choice("", "Any"));
        out.add(new Choice("active", "Active (open to mitigated)"));
        for (Status s : Status.values()) {
            out.add(new Choice(s.wireName(), Texts.status(s)));
        }
        return List.copyOf(out);
    }

    /** The list's URL with the same filters and the next page's cursor. */
    private static String href(Function<String, Optional<String>> parameter, String cursor) {
        var query = new StringJoiner("&");
        for (String name : new TreeSet<>(IncidentQueries.PARAMETERS)) {
            if (!name.equals("cursor")) {
                parameter.apply(name).ifPresent(v -> query.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            }
        }
        query.add("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        return "/incidents?" + query;
    }
}
