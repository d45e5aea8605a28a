package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.IntegrationKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert receivers: machine endpoints, outside the session and CSRF machinery, each
 * authenticated by an integration's own key ({@link IntegrationKeys}) and acting as {@code
 * integration:<name>}. A post is read and checked whole before any of its alerts reaches the
 * intake, so that a refused post (400 naming the field) writes nothing. A failure of the intake
 * is counted ({@link Counters#alertFailure()}) and answered with 503 (the store) or 500, so that
 * the source retries; receiving again is safe, the intake deduplicates.
 */
final class AlertReceivers {

    private static final Logger LOG = LoggerFactory.getLogger(AlertReceivers.class);
    private static final String BEARER = "bearer ";

    private final IncidentManager incidents;
    private final Optional<AlertIntake> intake;
    /** Which integration a key is of, asked on every post: a host's keys may change while it runs ({@code Credentials}). */
    private final Function<String, Optional<String>> integrationOf;
    private final Counters counters;

    AlertReceivers(IncidentManager incidents, Optional<AlertIntake> intake,
            Function<String, Optional<String>> integrationOf, Counters counters) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.integrationOf = Objects.requireNonNull(integrationOf, "integrationOf");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** {@code POST /api/v1/alerts/alertmanager}: Alertmanager's webhook, version 4. */
    ApiResponse alertmanager(Exchange x) {
        AlertIntake alerts = enabled();
        String integration = bearer(x);
        AlertmanagerWebhook.Batch batch = AlertmanagerWebhook.read(x.body(), integration, now());
        if (batch.truncatedAlerts() > 0) {
            LOG.warn("Integration {} posted a group of which Alertmanager left out {} alerts (max_alerts): "
                    + "those are not received", integration, batch.truncatedAlerts());
        }
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("status", "success");
        out.put("received", batch.signals().size());
        out.put("truncated_alerts", batch.truncatedAlerts());
        ArrayNode receipts = out.putArray("alerts");
        List<AlertReceipt> received = receive("The " + batch.signals().size() + " alerts", integration,
                actor -> alerts.receiveAll(batch.signals(), actor));
        for (int i = 0; i < received.size(); i++) {
            receipts.add(AlertWire.receipt(batch.signals().get(i), received.get(i)));
        }
        return ApiResponse.json(200, WireFormat.write(out));
    }

    /** {@code POST /api/v1/alerts/generic}: one alert in IncidentKit's own format. */
    ApiResponse generic(Exchange x) {
        AlertIntake alerts = enabled();
        String integration = bearer(x);
        AlertSignal signal = GenericAlert.read(x.body(), integration, now());
        return ApiResponse.json(200, WireFormat.write(AlertWire.receipt(signal, receive(alerts, signal, integration))));
    }

    /**
     * {@code POST /v2/enqueue}: PagerDuty's Events API v2. Answers as PagerDuty does: 202 {@code
     * {"status":"success","message":"Event processed","dedup_key":...}}, and a refused event 400
     * (401 for its routing key) {@code {"status":"invalid event","message":...,"errors":[...]}}
     * whose errors name the field. Failures of the server itself are problem documents.
     */
    ApiResponse pagerDuty(Exchange x) {
        AlertIntake alerts = enabled();
        String integration;
        AlertSignal signal;
        try {
            ObjectNode root = AlertPayload.parse(x.body());
            String key = PagerDutyEvent.routingKey(root);
            integration = integrationOf.apply(key).orElseThrow(() -> new AuthenticationException(
                    "routing_key is not the key of an integration of this server."));
            signal = PagerDutyEvent.read(root, integration, now());
        } catch (ApiException e) {
            return pagerDutyRefusal(400, "Event object is invalid", e.field().map(f -> f + ": ").orElse("") + e.getMessage());
        } catch (AuthenticationException e) {
            return pagerDutyRefusal(401, "Unauthorized", "routing_key: " + e.getMessage());
        }
        receive(alerts, signal, integration);
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("status", "success");
        out.put("message", "Event processed");
        out.put("dedup_key", signal.dedupKey());
        return ApiResponse.json(202, WireFormat.write(out));
    }

    private static ApiResponse pagerDutyRefusal(int status, String message, String error) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("status", status == 401 ? "unauthorized" : "invalid event");
        out.put("message", message);
        out.putArray("errors").add(error);
        return ApiResponse.json(status, WireFormat.write(out));
    }

    private AlertReceipt receive(AlertIntake alerts, AlertSignal signal, String integration) {
        return receive("The alert " + JsonBody.printable(signal.dedupKey()), integration,
                actor -> alerts.receive(signal, actor));
    }

    /**
     * Hands alerts to the intake as the integration.
     *
     * @param what the alerts, for a sentence: "The alert x"
     */
    private <T> T receive(String what, String integration, Function<Actor, T> intake) {
        try {
            return intake.apply(IntegrationKeys.actorOf(integration));
        } catch (StoreException e) {
            // The API's handler logs it once at ERROR and answers 503: the source retries.
            counters.alertFailure();
            throw e;
        } catch (AccessDeniedException e) {
            // Refused by the manager's authorizer: the source retries in vain until the host is
            // set up right, so the server's log says so, once a post.
            counters.alertFailure();
            LOG.warn("{} of integration {}: not received ({})", what, integration, e.getMessage());
            throw e;
        } catch (IncidentException e) {
            // Not the payload's fault (it was checked whole before): a busy incident, a host's
            // tighter back-dating limit. A 4xx would make the source give up on an alert already
            // stored; 503 makes it retry, which is safe.
            counters.alertFailure();
            throw new StoreException(what + " of integration " + integration + " could not be recorded now ("
                    + e.getMessage() + "); a retry records it.", e);
        } catch (RuntimeException e) {
            counters.alertFailure();
            throw e;
        }
    }

    /** The integration whose key is in {@code Authorization: Bearer}. */
    private String bearer(Exchange x) {
        Optional<String> header = x.request().header("Authorization");
        if (header.isEmpty() || !header.get().strip().toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new AuthenticationException("This receiver needs Authorization: Bearer <integration key>.");
        }
        String key = header.get().strip().substring(BEARER.length()).strip();
        return integrationOf.apply(key).orElseThrow(() -> new AuthenticationException(
                "The bearer credential is not the key of an integration of this server."));
    }

    private AlertIntake enabled() {
        return intake.orElseThrow(AlertRoutes::disabled);
    }

    private Instant now() {
        return incidents.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return every receiver's path, for the pages (which leave {@code /v2/enqueue} to the API) */
    static List<String> paths() {
        return List.of(RouteTable.BASE + "/alerts/alertmanager", RouteTable.BASE + "/alerts/generic", "/v2/enqueue");
    }
}
