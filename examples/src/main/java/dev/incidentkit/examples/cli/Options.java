package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every {@code im} command takes. */
final class Options {

    /** How a command prints its result. */
    enum Output { text, json }

    @Option(names = "--as", paramLabel = "USER",
            description = "Who acts (default: $IM_USER, else the OS user).")
    Optional<String> actor = Optional.empty();

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "When it happened, for back-dating: 2025-08-23T14:30:00Z, 2025-08-23T16:30+02:00 "
                    + "or 2025-08-23T14:30 (UTC). Default: now.")
    Optional<String> at = Optional.empty();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output = Output.text;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The store: any JDBC URL, PostgreSQL included (default: $IM_DB, else an H2 file in "
                    + "$IM_HOME or ~/.im).")
    Optional<String> db = Optional.empty();

    @Option(names = "--link-base", paramLabel = "URL",
            description = "Where incident pages live (default: $IM_LINK_BASE, else http://localhost:8080/incidents/).")
    Optional<String> linkBase = Optional.empty();

    CommandContext context(Environment env) {
        String who = actor.or(() -> env.get("IM_USER")).orElseGet(env::osUser);
        CommandContext context = CommandContext.as(who);
        return at.isPresent() ? context.at(instant("--at", at.get())) : context;
    }

    String link(Environment env, String incidentId) {
        String base = linkBase.or(() -> env.get("IM_LINK_BASE")).orElse("http://localhost:8080/incidents/");
        return base.endsWith("/") ? base + incidentId : base + "/" + incidentId;
    }

    boolean json() {
        return output == Output.json;
    }

    /** An actor named by {@code flag}: a rejected name is reported against that flag. */
    static Actor actor(String flag, String name) {
        try {
            return Actor.of(name);
        } catch (ValidationException e) {
            throw new ValidationException(flag, e.rule(), name);
        }
    }

    /** Reads an instant in one of the forms {@code --at} documents. */
    static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    throw new ValidationException(field, "must be an ISO-8601 instant such as 2025-08-23T14:30:00Z", text);
                }
            }
        }
    }
}
