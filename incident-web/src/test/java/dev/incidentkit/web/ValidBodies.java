package dev.incidentkit.web;

import dev.incidentkit.web.internal.Route;
import java.util.Map;

/** A body each write route accepts on a fresh incident, by the route template's last segments. */
final class ValidBodies {

    private static final Map<String, String> BY_SUFFIX = Map.ofEntries(
            Map.entry("/incidents", "{\"title\":\"T\",\"severity\":\"SEV-3\",\"service\":\"web\"}"),
            Map.entry("/acknowledge", "{\"note\":\"n\"}"),
            Map.entry("/investigate", "{}"),
            Map.entry("/identify", "{}"),
            Map.entry("/mitigate", "{}"),
            Map.entry("/resolve", "{}"),
            Map.entry("/close", "{}"),
            Map.entry("/reopen", "{\"note\":\"again\"}"),
            Map.entry("/cancel", "{\"reason\":\"mistake\"}"),
            Map.entry("/mark-duplicate", "{\"duplicate_of\":\"INC-2025-001\"}"),
            Map.entry("/notes", "{\"note\":\"n\"}"),
            Map.entry("/escalate", "{\"severity\":\"SEV-1\"}"),
            Map.entry("/downgrade", "{\"severity\":\"SEV-4\"}"),
            Map.entry("/correlate", "{\"service\":\"db\"}"),
            Map.entry("/assign", "{\"role\":\"comms-lead\",\"assignee\":\"rita\"}"),
            Map.entry("/action-items", "{\"text\":\"fix it\"}"),
            Map.entry("/complete", "{}"),
            Map.entry("/postmortem", "{\"summary\":\"s\"}"),
            Map.entry("/public-updates", "{\"title\":\"Checkout issues\",\"status\":\"investigating\","
                    + "\"impact\":\"partial_outage\",\"message\":\"We are looking into failed checkouts.\"}"),
            Map.entry("/status-update", "{\"next_action\":\"Restart the order service\"}"),
            Map.entry("/rebuild", "{}"),
            Map.entry("/replay", "{}"),
            Map.entry("/alertmanager", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Up\"}}]}"),
            Map.entry("/generic", "{\"dedup_key\":\"k\",\"summary\":\"s\"}"),
            Map.entry("/enqueue", "{\"routing_key\":\"0123456789abcdef0123456789abcdef\",\"event_action\":\"trigger\","
                    + "\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}"),
            Map.entry("/silences", "{\"matchers\":[\"service=checkout\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}"));

    /** The on-call writes, whose templates end in a variable: by the whole template. */
    private static final Map<String, String> BY_TEMPLATE = Map.of(
            "/api/v1/schedules/{id}", "{\"id\":\"@ID@\",\"name\":\"S\",\"zone\":\"UTC\"}",
            "/api/v1/escalation-policies/{id}", "{\"id\":\"@ID@\",\"name\":\"P\",\"calendar\":{\"zone\":\"UTC\",\"hours\":"
                    + "[{\"days\":[\"MONDAY\"],\"from\":\"09:00\",\"to\":\"17:00\"}]},\"levels\":[{\"escalateAfter\":\"PT5M\","
                    + "\"targets\":[{\"person\":\"ada\"}]}]}",
            "/api/v1/people/{id}", "{\"id\":\"@ID@\",\"name\":\"N\"}",
            "/api/v1/schedules/{id}/overrides", "{\"kind\":\"ADD\",\"person\":\"ada\",\"start\":\"2025-08-23T12:00:00Z\","
                    + "\"end\":\"2025-08-23T18:00:00Z\"}");

    private ValidBodies() {}

    /** @return a body the route accepts, for the path {@link #path} gives it with this id */
    static String of(Route route, String id) {
        String body = BY_TEMPLATE.get(route.template());
        return body == null ? of(route) : body.replace("@ID@", id);
    }

    static String of(Route route) {
        String t = route.template();
        String body = BY_TEMPLATE.containsKey(t) ? BY_TEMPLATE.get(t).replace("@ID@", "x")
                : BY_SUFFIX.get(t.substring(t.lastIndexOf('/')));
        if (body == null) {
            throw new IllegalStateException("no valid body known for " + t);
        }
        return body;
    }

    /** @return the route's template with its variables filled in */
    static String path(Route route, String id) {
        return route.template().replace("{id}", id).replace("{item}", "1").replace("{notifier}", "webhook")
                .replace("{event}", "01a23a81-137b-770b-a777-b3948574e824").replace("{silence}", "01a23a81-137b-770b-a777-b3948574e824");
    }
}
