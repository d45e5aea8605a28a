package dev.incidentkit.core.access;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.Role;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorizer that ships: each actor has one {@link AccessRole}, looked up on every call (so
 * that a role granted or withdrawn takes effect at once), and an actor without one may do
 * nothing.
 *
 * <table>
 *   <caption>Who may do what (each role may do what the one before it may)</caption>
 *   <tr><th>Action</th><th>viewer</th><th>responder</th><th>commander</th><th>admin</th></tr>
 *   <tr><td>read incidents, timelines, exports, metrics; verify a hash chain</td>
 *       <td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>declare; acknowledge (with a role too); add a note; investigate, identify,
 *       mitigate; correlate a service; add and complete action items; write the postmortem;
 *       attach and resolve alerts (an alert integration's actor)</td>
 *       <td>no</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>resolve, close, reopen, cancel, mark duplicate; escalate and downgrade; assign
 *       roles, and take by acknowledging a role someone else holds</td>
 *       <td>no</td><td>only as the incident's commander</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>silence alerts, plan maintenance windows</td>
 *       <td>no</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>record an SLA breach (the SLA monitor's actor)</td>
 *       <td>no</td><td>no</td><td>no</td><td>yes</td></tr>
 *   <tr><td>administer: users and tokens, the read model, notifications</td>
 *       <td>no</td><td>no</td><td>no</td><td>yes</td></tr>
 * </table>
 *
 * <p>"As the incident's commander": a responder who took the commander role of that incident
 * (by acknowledging with it, or being assigned it) runs it to the end, as incident command
 * practice has it, without holding the commander role everywhere.
 *
 * @since 0.2.0
 */
public final class RoleBasedAuthorizer implements Authorizer {

    private final Function<Actor, Optional<AccessRole>> roles;

    private RoleBasedAuthorizer(Function<Actor, Optional<AccessRole>> roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /**
     * @param roles each actor's role, if any; called on every decision, from any thread
     * @return the authorizer
     */
    public static RoleBasedAuthorizer of(Function<Actor, Optional<AccessRole>> roles) {
        return new RoleBasedAuthorizer(roles);
    }

    /**
     * @param roles a fixed role for each actor name
     * @return the authorizer
     */
    public static RoleBasedAuthorizer of(Map<String, AccessRole> roles) {
        Map<String, AccessRole> copy = Map.copyOf(roles);
        return new RoleBasedAuthorizer(actor -> Optional.ofNullable(copy.get(actor.name())));
    }

    /**
     * @param actor who asks
     * @return their role, if they have one
     */
    public Optional<AccessRole> roleOf(Actor actor) {
        return roles.apply(actor);
    }

    @Override
    public boolean permits(Actor actor, Action action) {
        return refusal(actor, action).isEmpty();
    }

    @Override
    public void authorize(Actor actor, Action action) {
        Optional<String> refusal = refusal(actor, action);
        if (refusal.isPresent()) {
            throw new AccessDeniedException(actor, action, refusal.get());
        }
    }

    private Optional<String> refusal(Actor actor, Action action) {
        Optional<AccessRole> found = roles.apply(actor);
        if (found.isEmpty()) {
            return Optional.of("they have no role");
        }
        AccessRole role = found.get();
        AccessRole needed = needed(action, actor);
        if (role.includes(needed)) {
            return Optional.empty();
        }
        if (action instanceof Action.Run run && needed == AccessRole.COMMANDER && role == AccessRole.RESPONDER
                && actor.equals(run.incident().roles().get(Role.COMMANDER))) {
            return Optional.empty();
        }
        String rule = action instanceof Action.Run && needed == AccessRole.COMMANDER
                ? "it takes a commander, or the incident's commander"
                : "it takes a " + needed.label();
        return Optional.of("they are a " + role.label() + " and " + rule);
    }

    private static AccessRole needed(Action action, Actor actor) {
        if (action instanceof Action.Run run) {
            // Taking a role someone else holds is assigning it: a responder may not take command away.
            if (run.command() instanceof Command.Acknowledge ack && ack.role().isPresent()) {
                Actor holder = run.incident().roles().get(ack.role().get());
                if (holder != null && !holder.equals(actor)) {
                    return AccessRole.COMMANDER;
                }
            }
            return needed(run.command().type());
        }
        if (action instanceof Action.Administer a && a.task() == Action.Task.SILENCES) {
            return AccessRole.COMMANDER;
        }
        return action instanceof Action.Read ? AccessRole.VIEWER
                : action instanceof Action.Declare ? AccessRole.RESPONDER
                : AccessRole.ADMIN;
    }

    private static AccessRole needed(CommandType type) {
        return switch (type) {
            case ACKNOWLEDGE, INVESTIGATE, IDENTIFY, MITIGATE, ADD_NOTE, CORRELATE_SERVICE, ADD_ACTION_ITEM,
                    COMPLETE_ACTION_ITEM, UPDATE_POSTMORTEM -> AccessRole.RESPONDER;
            case RESOLVE, CLOSE, REOPEN, CANCEL, MARK_DUPLICATE, CHANGE_SEVERITY, ASSIGN_ROLE -> AccessRole.COMMANDER;
            // What customers read is the commander's call.
            case POST_PUBLIC_UPDATE -> AccessRole.COMMANDER;
            case ATTACH_ALERT, RESOLVE_ALERT, RECORD_PAGE -> AccessRole.RESPONDER;
            case RECORD_SLA_BREACH, REMIND_UPDATE -> AccessRole.ADMIN;
        };
    }

    @Override
    public String toString() {
        return "RoleBasedAuthorizer";
    }
}
