package dev.incidentkit.core;

import dev.incidentkit.core.internal.Validation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who runs a command, when it happened and under which client command id. Written {@code
 * as("alice")}, {@code as("alice").at(instant)} or {@code as("alice").commandId("req-42")}.
 *
 * @param actor who acts
 * @param occurredAt when it happened, for back-dating; empty means now. Never before the
 *     declaration, never later than now plus the allowed clock skew; a status change never
 *     before the incident's latest status change; a declaration at most the manager's {@link
 *     IncidentKit.Builder#maxBackdating maxBackdating} (366 days by default) before now.
 * @param commandId a client id that makes a retry safe: a repeated id returns the first result
 *     and writes nothing
 * @param expectedVersion the version the caller last read, if the command must apply to exactly
 *     that version (an HTTP {@code If-Match}): a command on an incident that has moved on is
 *     refused with a {@link ConcurrencyConflictException} instead of being decided again on the
 *     new state; a declaration ignores it
 * @since 0.1.0
 */
public record CommandContext(Actor actor, Optional<Instant> occurredAt, Optional<String> commandId,
        OptionalLong expectedVersion) {

    /**
     * Checks the components.
     *
     * @throws ValidationException if the command id is blank, longer than 200 characters or holds
     *     a control character
     */
    public CommandContext {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        commandId.ifPresent(id -> Validation.singleLine("commandId", id, 1, Validation.MAX_COMMAND_ID));
    }

    /**
     * @param actor who acts, 1 to 200 characters
     * @return a context for {@code actor}, happening now, without command id
     * @throws ValidationException if the actor's name is not valid
     */
    public static CommandContext as(String actor) {
        return new CommandContext(Actor.of(actor), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /**
     * @param actor who acts
     * @return a context for {@code actor}, happening now, without command id
     */
    public static CommandContext as(Actor actor) {
        return new CommandContext(actor, Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /**
     * @param instant when the action happened
     * @return this context, back-dated to {@code instant}
     */
    public CommandContext at(Instant instant) {
        return new CommandContext(actor, Optional.of(instant), commandId, expectedVersion);
    }

    /**
     * @param id a client command id, 1 to 200 characters
     * @return this context with the command id
     * @throws ValidationException if the id is blank, longer than 200 characters or holds a
     *     control character
     */
    public CommandContext commandId(String id) {
        return new CommandContext(actor, occurredAt, Optional.of(id), expectedVersion);
    }

    /**
     * @param version the version the caller last read
     * @return this context, for a command that must apply to exactly that version
     * @since 0.2.0
     */
    public CommandContext expectVersion(long version) {
        if (version < 1) {
            throw new ValidationException("expectedVersion", "must be at least 1", version);
        }
        return new CommandContext(actor, occurredAt, commandId, OptionalLong.of(version));
    }
}
