package dev.incidentkit.core.internal;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.GoldenVectors;
import dev.incidentkit.testkit.GoldenVectors.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.HashMap;

/**
 * Wrote {@code stored-formats-v1.json} of {@link GoldenVectors}, once, with the encoders of
 * IncidentKit 0.1.0 (commit 9715152, before the formats moved to {@code dev.incidentkit.core.format}):
 * <pre>{@code
 * mvn -B -q test-compile -pl incident-core -am
 * java -cp "incident-core/target/test-classes:incident-core/target/classes:$(cat cp.txt)" \
 *     dev.incidentkit.core.internal.GoldenVectorsGenerator \
 *     incident-testkit/src/fixtures/resources/dev/incidentkit/testkit/golden/stored-formats-v1.json
 * }</pre>
 * Kept to show how the file came to be, not to run again: regenerating it with a changed encoder
 * would hide exactly the change the vectors exist to catch. The canonical bytes are written out
 * by the plain definition and checked against the chain's hash before anything is written.
 */
public final class GoldenVectorsGenerator {

    private GoldenVectorsGenerator() {}

    public static void main(String[] args) throws IOException {
        // Non-ASCII escaped: the file then holds lone surrogates too, and reads the same everywhere.
        ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = json.createObjectNode();
        root.put("description", "Golden vectors of IncidentKit's stored formats: event data JSON (format 1) and "
                + "the hash chain's canonical bytes (format 1). hash = hex(SHA-256(ascii(prev_hash) || canonical_bytes)).");
        root.put("data_format_version", 1);
        root.put("canonical_form_version", 1);
        ArrayNode vectors = root.putArray("vectors");
        Map<String, String> lastHash = new HashMap<>();
        for (Input in : GoldenVectors.inputs()) {
            String data = EventData.encode(in.event());
            String prev = lastHash.getOrDefault(in.incidentId(), HashChain.GENESIS);
            EventRecord unhashed = new EventRecord(in.eventId(), in.incidentId(), in.version(), in.event().type(),
                    IncidentEvent.SCHEMA_VERSION, in.occurredAt(), in.recordedAt(), in.actor(), in.commandId(), data,
                    prev, "");
            String hash = HashChain.hash(unhashed);
            byte[] canonical = canonical(unhashed);
            String definition = sha256(prev.getBytes(StandardCharsets.US_ASCII), canonical);
            if (!definition.equals(hash)) {
                throw new IllegalStateException(in.name() + ": the chain's hash is not the definition's");
            }
            lastHash.put(in.incidentId(), hash);
            ObjectNode v = vectors.addObject();
            v.put("name", in.name());
            v.put("event_id", in.eventId().toString());
            v.put("incident_id", in.incidentId());
            v.put("version", in.version());
            v.put("type", in.event().type());
            v.put("schema_version", IncidentEvent.SCHEMA_VERSION);
            v.put("occurred_at", in.occurredAt().toString());
            v.put("recorded_at", in.recordedAt().toString());
            v.put("actor", in.actor());
            if (in.commandId().isPresent()) {
                v.put("command_id", in.commandId().get());
            } else {
                v.putNull("command_id");
            }
            v.put("data", data);
            v.put("prev_hash", prev);
            v.put("canonical_bytes", HexFormat.of().formatHex(canonical));
            v.put("hash", hash);
        }
        Files.writeString(Path.of(args[0]), json.writeValueAsString(root) + "\n", StandardCharsets.US_ASCII);
    }

    /** The tag, then each field as a 4-byte big-endian length and UTF-8. */
    private static byte[] canonical(EventRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("incidentkit/1".getBytes(StandardCharsets.US_ASCII));
        for (String field : new String[] {r.eventId().toString(), r.incidentId(), Long.toString(r.version()), r.type(),
                Integer.toString(r.schemaVersion()), r.occurredAt().toString(), r.recordedAt().toString(), r.actor(),
                r.commandId().orElse(""), r.data()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] prev, byte[] canonical) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prev);
            return HexFormat.of().formatHex(d.digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
