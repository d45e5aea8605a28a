package dev.incidentkit.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An event as a store keeps it: the envelope, the JSON data as text, and the hash chain. Core
 * builds it, hash included; a store writes every field as it is and returns it unchanged.
 *
 * @param eventId unique in the store; the CloudEvents {@code id}
 * @param incidentId the stream it belongs to
 * @param version 1, 2, 3... within the stream, without gaps
 * @param type the CloudEvents type, such as {@code incident.declared}
 * @param schemaVersion the version of the data's schema
 * @param occurredAt when it happened (microsecond precision)
 * @param recordedAt when it was recorded (microsecond precision)
 * @param actor who did it
 * @param commandId the client command id that produced it, if any
 * @param data the event data, a JSON object in snake_case, exactly as core wrote it
 * @param prevHash the hash of the previous event of the stream, or 64 zeros for the first
 * @param hash SHA-256 over {@code prevHash} and the canonical bytes of the other fields, hex
 * @since 0.1.0
 */
public record EventRecord(
        UUID eventId,
        String incidentId,
        long version,
        String type,
        int schemaVersion,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        Optional<String> commandId,
        String data,
        String prevHash,
        String hash) {

    /**
     * Checks that no component is null and the version is positive.
     *
     * @throws IllegalArgumentException if {@code version} is less than 1
     */
    public EventRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }
}
