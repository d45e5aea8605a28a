package dev.incidentkit.core.format;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wrote {@code snapshot-v1.json} ({@link SnapshotVectors#RESOURCE}), once, with {@link
 * SnapshotFormat#encode} as it was when version 1 was defined:
 * <pre>{@code
 * mvn -B -q test-compile -pl incident-core -am
 * java -cp "incident-core/target/test-classes:incident-core/target/classes:$(cat cp.txt)" \
 *     dev.incidentkit.core.format.SnapshotVectorsGenerator \
 *     incident-testkit/src/fixtures/resources/dev/incidentkit/testkit/golden/snapshot-v1.json
 * }</pre>
 * Kept to show how the file came to be, not to run again: regenerating it with a changed encoder
 * would hide exactly the change the vectors exist to catch.
 */
public final class SnapshotVectorsGenerator {

    private SnapshotVectorsGenerator() {}

    public static void main(String[] args) throws IOException {
        // Non-ASCII escaped, as in stored-formats-v1.json: the file reads the same everywhere.
        ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = json.createObjectNode();
        root.put("description", "Golden vectors of IncidentKit's snapshot JSON (format 1): the incidents the chains "
                + "of stored-formats-v1.json fold to, after the event each is named after, and one downgraded by hand, as SnapshotFormat writes them.");
        root.put("snapshot_format_version", SnapshotFormat.VERSION);
        ArrayNode snapshots = root.putArray("snapshots");
        for (SnapshotVectors.Case c : SnapshotVectors.cases()) {
            String snapshot = SnapshotFormat.encode(c.incident());
            if (!SnapshotFormat.decode(snapshot).equals(c.incident())) {
                throw new IllegalStateException(c.name() + ": the snapshot does not read back as its incident");
            }
            ObjectNode s = snapshots.addObject();
            s.put("name", c.name());
            s.put("incident_id", c.incident().id());
            s.put("version", c.incident().version());
            s.put("snapshot", snapshot);
        }
        Files.writeString(Path.of(args[0]), json.writeValueAsString(root) + "\n", StandardCharsets.US_ASCII);
    }
}
