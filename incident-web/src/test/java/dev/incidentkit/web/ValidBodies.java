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
            Map.entry("/rebuild", "{}"),
            Map.entry("/replay", "{}"),
            Map.entry("/alertmanager", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Up\"}}]}"),
            Map.entry("/generic", "{\"dedup_key\":\"k\",\"summary\":\"s\"}"),
            Map.entry("/enqueue", "{\"routing_key\":\"0123456789abcdef0123456789abcdef\",\"event_action\":\"trigger\","
                    + "\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}"),
            Map.entry("/silences", "{\"matchers\":[\"service=checkout\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}"));

    private ValidBodies() {}

    static String of(Route route) {
        String t = route.template();
        String body = BY_SUFFIX.get(t.substring(t.lastIndexOf('/')));
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
