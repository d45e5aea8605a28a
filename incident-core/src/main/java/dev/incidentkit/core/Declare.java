package dev.incidentkit.core;

import dev.incidentkit.core.internal.Validation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The command that opens an incident. Start with {@link #of} and add what you know:
 * {@code Declare.of("Checkout latency", Severity.SEV2, "checkout").description("...").warRoom(true)}.
 *
 * @param title what is wrong, 1 to 200 characters on one line: a line break is refused rather
 *     than joined, since where a title was cut is the writer's to decide
 * @param severity how bad it is
 * @param service the primary affected service, {@code [a-z0-9][a-z0-9._-]{0,62}}
 * @param description more detail, up to 10,000 characters, possibly empty; a {@code \r\n} or a
 *     lone {@code \r} becomes {@code \n}
 * @param impactStartedAt when users started to feel it; defaults to {@code detectedAt}
 * @param detectedAt when it was noticed; defaults to the declaration
 * @param warRoom whether a war room is opened
 * @since 0.1.0
 */
public record Declare(
        String title,
        Severity severity,
        String service,
        String description,
        Optional<Instant> impactStartedAt,
        Optional<Instant> detectedAt,
        boolean warRoom) {

    /**
     * Checks that no component is null and normalises the description's line breaks; the rules
     * are checked when the command runs.
     */
    public Declare {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(service, "service");
        description = Validation.lineBreaks(Objects.requireNonNull(description, "description"));
        Objects.requireNonNull(impactStartedAt, "impactStartedAt");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /**
     * @param title what is wrong
     * @param severity how bad it is
     * @param service the primary affected service
     * @return a declaration without description, detected when declared, without war room
     */
    public static Declare of(String title, Severity severity, String service) {
        return new Declare(title, severity, service, "", Optional.empty(), Optional.empty(), false);
    }

    /**
     * @param text more detail
     * @return this declaration with it
     */
    public Declare description(String text) {
        return new Declare(title, severity, service, text, impactStartedAt, detectedAt, warRoom);
    }

    /**
     * @param instant when users started to feel it
     * @return this declaration with it
     */
    public Declare impactStartedAt(Instant instant) {
        return new Declare(title, severity, service, description, Optional.of(instant), detectedAt, warRoom);
    }

    /**
     * @param instant when it was noticed
     * @return this declaration with it
     */
    public Declare detectedAt(Instant instant) {
        return new Declare(title, severity, service, description, impactStartedAt, Optional.of(instant), warRoom);
    }

    /**
     * @param open whether a war room is opened
     * @return this declaration with it
     */
    public Declare warRoom(boolean open) {
        return new Declare(title, severity, service, description, impactStartedAt, detectedAt, open);
    }
}
