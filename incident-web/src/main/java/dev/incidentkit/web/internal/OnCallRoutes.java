package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.OnCallConfigException;
import dev.incidentkit.core.oncall.PagingMetrics;
import dev.incidentkit.core.oncall.PagingReport;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.ScheduleOverride;
import dev.incidentkit.web.OnCallReadOnlyException;
import dev.incidentkit.web.OnCallSource;
import dev.incidentkit.web.OnCallWriteException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on call, the schedules, the escalation policies and the people, read from the host's
 * {@link OnCallSource}, and the writes that change them.
 *
 * <p>Reads: {@code GET /api/v1/oncall}, {@code GET /api/v1/schedules}, {@code GET
 * /api/v1/schedules/{id}/shifts}, {@code GET /api/v1/escalation-policies} and {@code GET
 * /api/v1/people}, each a viewer's read; people's contact methods only for a caller the
 * authorizer allows {@link Action.Task#ON_CALL} (an admin), ids and names for the others. The
 * configuration is asked for once per request, so that a host that reads its file again serves
 * the new one at once.
 *
 * <p>Writes, each {@link Action.Task#ON_CALL}: {@code PUT /api/v1/schedules/{id}}, {@code DELETE
 * /api/v1/schedules/{id}}, {@code POST /api/v1/schedules/{id}/overrides}, {@code PUT
 * /api/v1/escalation-policies/{id}} and {@code PUT /api/v1/people/{id}}. A body is one object of
 * the on-call file's format, read by the file's own reader: a bad one is a 400 whose field is its
 * path in the body ({@code layers[0].rotation.kind}). Each write is one {@link OnCallSource#update},
 * the body read inside it against the configuration as stored, so that two admins' writes are
 * applied one after the other. A read-only source answers 409; one that cannot store, 503.
 *
 * <p>A server without on-call answers all of them with 404, after the authorization check.
 */
final class OnCallRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OnCallRoutes.class);

    /** The longest span of {@code GET /api/v1/schedules/{id}/shifts}, as {@code im schedule shifts}'s. */
    static final Duration MOST_SHIFTS = Duration.ofDays(366);

    /** What a body is called in the reader's messages. */
    private static final String BODY = "body";

    private final IncidentManager incidents;
    private final Optional<OnCallSource> onCall;

    OnCallRoutes(IncidentManager incidents, Optional<OnCallSource> onCall) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.onCall = Objects.requireNonNull(onCall, "onCall");
    }

    // ---- reads ----

    ApiResponse now(Exchange x) {
        read(x);
        OnCallConfig config = config();
        Instant at = x.parameter("at").map(t -> instant("at", t)).orElseGet(() -> incidents.clock().instant());
        return ApiResponse.json(200, WireFormat.write(OnCallWire.onCallNow(config.schedules().values(), at)));
    }

    ApiResponse schedules(Exchange x) {
        read(x);
        return ApiResponse.json(200, WireFormat.write(OnCallWire.schedules(config().schedules().values())));
    }

    ApiResponse shifts(Exchange x) {
        read(x);
        OnCallConfig config = config();
        String id = x.variable("id");
        Schedule schedule = config.schedule(id).orElseThrow(() -> noSchedule(id));
        Instant from = instant("from", x.parameter("from").orElseThrow(() -> ApiException.badRequest("from",
                "Query parameter from is required: an instant such as 2026-03-02T00:00:00Z.")));
        Instant to = instant("to", x.parameter("to").orElseThrow(() -> ApiException.badRequest("to",
                "Query parameter to is required: an instant such as 2026-03-09T00:00:00Z.")));
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "Query parameter to must be after from (" + from + ").");
        }
        if (Duration.between(from, to).compareTo(MOST_SHIFTS) > 0) {
            throw ApiException.badRequest("to", "Query parameter to must be at most 366 days after from (" + from + ").");
        }
        return ApiResponse.json(200, WireFormat.write(OnCallWire.shifts(schedule, from, to, OnCall.shifts(schedule, from, to))));
    }

    /** {@code GET /api/v1/oncall/paging?from&to[&policy][&schedule]}: {@code im paging}'s report. */
    ApiResponse paging(Exchange x) {
        read(x);
        OnCallConfig config = config();
        Instant from = instant("from", x.parameter("from").orElseThrow(() -> ApiException.badRequest("from",
                "Query parameter from is required: an instant such as 2026-03-01T00:00:00Z.")));
        Instant to = instant("to", x.parameter("to").orElseThrow(() -> ApiException.badRequest("to",
                "Query parameter to is required: an instant such as 2026-04-01T00:00:00Z.")));
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "Query parameter to must be after from (" + from + ").");
        }
        if (Duration.between(from, to).compareTo(MOST_SHIFTS) > 0) {
            throw ApiException.badRequest("to", "Query parameter to must be at most 366 days after from (" + from + ").");
        }
        Optional<String> policyId = x.parameter("policy");
        EscalationPolicy policy = policyId.isPresent()
                ? config.policy(policyId.get()).orElseThrow(() -> ApiException.badRequest("policy",
                        "Query parameter policy must name an escalation policy (" + String.join(", ", config.policies().keySet()) + ")."))
                : onlyPolicy(config);
        Optional<Schedule> schedule = x.parameter("schedule").map(id -> config.schedule(id).orElseThrow(() -> noSchedule(id)));
        PagingReport report = PagingMetrics.of(incidents, policy.calendar(), from, to);
        List<PagingReport.ShiftPaging> shifts = schedule.map(sc -> PagingMetrics.perShift(report, sc)).orElse(List.of());
        return ApiResponse.json(200, WireFormat.write(OnCallWire.paging(report, policy.id(), schedule, shifts)));
    }

    private static EscalationPolicy onlyPolicy(OnCallConfig config) {
        if (config.policies().size() != 1) {
            throw ApiException.badRequest("policy", "Query parameter policy is required: the configuration has "
                    + (config.policies().isEmpty() ? "no escalation policy" : "several (" + String.join(", ", config.policies().keySet()) + ")") + ".");
        }
        return config.policies().values().iterator().next();
    }

    ApiResponse policies(Exchange x) {
        read(x);
        OnCallConfig config = config();
        return ApiResponse.json(200, WireFormat.write(OnCallWire.policies(config.policies().values(), config::servicesOf)));
    }

    ApiResponse people(Exchange x) {
        read(x);
        boolean addresses = incidents.authorizer().permits(x.actor(), new Action.Administer(Action.Task.ON_CALL));
        return ApiResponse.json(200, WireFormat.write(OnCallWire.people(config().people().values(), addresses)));
    }

    // ---- writes ----

    ApiResponse putSchedule(Exchange x) {
        administer(x);
        String id = x.variable("id");
        String body = text(x);
        AtomicBoolean created = new AtomicBoolean();
        OnCallConfig stored = update(c -> {
            Schedule schedule = OnCallConfig.readSchedule(body, BODY);
            sameId("schedule", schedule.id(), id);
            created.set(c.schedule(id).isEmpty());
            return c.withSchedule(schedule);
        });
        return written(created.get(), "/api/v1/schedules/" + id, OnCallWire.schedule(stored.schedule(id).orElseThrow()));
    }

    ApiResponse deleteSchedule(Exchange x) {
        administer(x);
        String id = x.variable("id");
        update(c -> {
            if (c.schedule(id).isEmpty()) {
                throw noSchedule(id);
            }
            try {
                return c.withoutSchedule(id);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ProblemType.CONFLICT, "The schedule " + JsonBody.printable(id)
                        + " cannot be removed: an escalation policy pages it (" + e.getMessage() + "). Change the policy first.",
                        Optional.empty());
            }
        });
        return new ApiResponse(204, ApiResponse.JSON, new byte[0], Map.of());
    }

    ApiResponse addOverride(Exchange x) {
        administer(x);
        String id = x.variable("id");
        String body = text(x);
        OnCallConfig stored = update(c -> {
            Schedule schedule = c.schedule(id).orElseThrow(() -> noSchedule(id));
            ScheduleOverride override = OnCallConfig.readOverride(body, BODY);
            var overrides = new ArrayList<>(schedule.overrides());
            overrides.add(override);
            return c.withSchedule(new Schedule(schedule.id(), schedule.name(), schedule.zone(), schedule.layers(), overrides,
                    schedule.temporarySchedules()));
        });
        return ApiResponse.json(201, WireFormat.write(OnCallWire.schedule(stored.schedule(id).orElseThrow())));
    }

    ApiResponse putPolicy(Exchange x) {
        administer(x);
        String id = x.variable("id");
        String body = text(x);
        AtomicBoolean created = new AtomicBoolean();
        OnCallConfig stored = update(c -> {
            OnCallConfig.RoutedPolicy routed = c.readPolicy(body, BODY);
            sameId("policy", routed.policy().id(), id);
            created.set(c.policy(id).isEmpty());
            try {
                return c.withPolicy(routed.policy(), routed.services());
            } catch (IllegalArgumentException e) {
                // The body is well-formed: a service it lists is another policy's.
                throw new ApiException(ProblemType.CONFLICT, "The policy cannot be stored: " + e.getMessage() + ".",
                        Optional.of("services"));
            }
        });
        return written(created.get(), "/api/v1/escalation-policies/" + id,
                OnCallWire.policy(stored.policy(id).orElseThrow(), stored.servicesOf(id)));
    }

    ApiResponse putPerson(Exchange x) {
        administer(x);
        String id = x.variable("id");
        String body = text(x);
        AtomicBoolean created = new AtomicBoolean();
        OnCallConfig stored = update(c -> {
            Person person = OnCallConfig.readPerson(body, BODY);
            sameId("person", person.id(), id);
            created.set(c.person(id).isEmpty());
            return c.withPerson(person);
        });
        return written(created.get(), "/api/v1/people/" + id, OnCallWire.person(stored.person(id).orElseThrow(), true));
    }

    // ---- the parts ----

    private static ApiResponse written(boolean created, String location, ObjectNode body) {
        ApiResponse r = ApiResponse.json(created ? 201 : 200, WireFormat.write(body));
        return created ? r.with("Location", location) : r;
    }

    /** One {@link OnCallSource#update}, its failures as the API's problems. */
    private OnCallConfig update(UnaryOperator<OnCallConfig> change) {
        OnCallSource source = source();
        try {
            return source.update(change);
        } catch (OnCallConfigException e) {
            throw new ApiException(ProblemType.BAD_REQUEST, e.getMessage(), Optional.of(e.path().isEmpty() ? BODY : e.path()));
        } catch (OnCallReadOnlyException e) {
            throw new ApiException(ProblemType.CONFLICT, e.getMessage(), Optional.empty());
        } catch (OnCallWriteException e) {
            // Its message names the server's file: the log's, not the caller's.
            LOG.warn("An on-call change through the API could not be stored: {}", e.getMessage(), e);
            throw new ApiException(ProblemType.UNAVAILABLE, "The on-call configuration could not be stored; nothing was changed."
                    + " See the server's log.", Optional.empty());
        }
    }

    private static void sameId(String what, String inBody, String inPath) {
        if (!inBody.equals(inPath)) {
            throw ApiException.invalid("id", "The " + what + "'s id in the body (" + JsonBody.printable(inBody)
                    + ") must be the one in the path (" + JsonBody.printable(inPath) + ").");
        }
    }

    /** @return the body as text: UTF-8, strictly */
    private static String text(Exchange x) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(x.body())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(BODY, "The body is not well-formed UTF-8.");
        }
    }

    private void read(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
    }

    private void administer(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Administer(Action.Task.ON_CALL));
    }

    private OnCallSource source() {
        return onCall.orElseThrow(OnCallRoutes::disabled);
    }

    private OnCallConfig config() {
        return Objects.requireNonNull(source().current(), "the on-call source's configuration");
    }

    private static ApiException noSchedule(String id) {
        return new ApiException(ProblemType.NOT_FOUND,
                "There is no schedule " + JsonBody.printable(id) + " in the on-call configuration.", Optional.empty());
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "Query parameter " + name
                    + " must be an instant with an offset, such as 2026-03-02T09:00:00Z.");
        }
    }

    /** @return the 404 of an on-call route on a server without an on-call configuration */
    static ApiException disabled() {
        return new ApiException(ProblemType.NOT_FOUND,
                "On-call is not configured on this server (IncidentWeb.Builder.onCall).", Optional.empty());
    }
}
