package dev.incidentkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the benchmarks share: the texts of the commands, the fixed clock, and the plain-Jackson
 * baseline's mapper and value types.
 *
 * <p>The baseline types carry the same fields as IncidentKit's events (the envelope and the
 * event's data, snake_case), so that the baseline writes and reads the same information with
 * nothing of IncidentKit's on top: no validation, no hash chain, no decision, no fold.
 */
final class Fixtures {

    /** A fixed instant with a micro fraction, as the manager records it (truncated to micros). */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123456Z");

    /** A clock that never reads the system clock, so that no time query is measured. */
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String ACTOR = "alice";
    static final String TITLE = "Checkout API returns 502 for 30% of requests";
    static final String SERVICE = "checkout-api";
    static final String DESCRIPTION = "Error rate on checkout-api rose from 0.1% to 30% after the 11:52 deploy.";
    static final String ACK_NOTE = "Looking at it; rolling back is the first option.";
    /** Exactly 100 characters, the typical note of the CloudEvent benchmark. */
    static final String NOTE =
            "Rolled back deploy 2025-06-01.3 on all pods; error rate is falling, watching the p99 latency now....";
    static final String MITIGATE_NOTE = "Rollback complete, error rate back to 0.1%.";
    static final String RESOLVE_NOTE = "Stable for 30 minutes; root cause is a connection pool size of 5.";

    /** The baseline's mapper: plain Jackson, snake_case property names, nothing registered. */
    static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Fixtures() {}

    static {
        if (NOTE.length() != 100) {
            throw new AssertionError("NOTE must be 100 characters, is " + NOTE.length());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** An event's envelope as the baseline writes it: the fields of an {@code EventRecord}. */
    record Envelope(
            String eventId,
            String incidentId,
            long version,
            String type,
            int schemaVersion,
            String occurredAt,
            String recordedAt,
            String actor,
            Object data) {}

    /** The data of {@code incident.declared}. */
    record DeclaredData(
            String incidentId,
            String title,
            String severity,
            String service,
            String status,
            String description,
            String impactStartedAt,
            String detectedAt,
            boolean warRoom) {}

    /** The data of {@code incident.acknowledged} and {@code incident.note_added}. */
    record NoteData(String note) {}

    /** The data of the status changes ({@code incident.mitigated}, {@code incident.resolved}). */
    record StatusData(String from, String to, String note) {}

    /** What the baseline keeps of an event: its bytes and their chained SHA-256. */
    record Kept(byte[] json, byte[] hash) {}
}
