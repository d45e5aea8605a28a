package dev.incidentkit.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run that the build records {@code im}'s class-data sharing archive from ({@code
 * -XX:ArchiveClassesAtExit=im.jsa}, see examples/pom.xml): every kind of {@code im} command once,
 * in this one JVM, on a temporary H2 store, so that the archive holds the classes each command
 * loads (picocli's help, H2, Jackson, the read model's queries). The {@code im} script then starts
 * with {@code -XX:SharedArchiveFile=im.jsa}, and loads those classes mapped rather than parsed and
 * verified. Prints nothing; exits 1 if a command failed, which fails the build rather than
 * archiving a half-trained run.
 */
public final class CdsTraining {

    private CdsTraining() {}

    /**
     * Runs the training.
     *
     * @param args none
     * @throws IOException if the temporary store cannot be made or removed
     */
    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("im-cds");
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("IM_HOME", home.toString(), "IM_USER", "trainer",
                "IM_MAX_BACKDATING", "P36500D");
        int failures = 0;
        try {
            String[][] commands = {
                {"--help"}, {"list", "--help"}, {"--version"},
                {"declare", "--sev", "SEV-2", "--title", "Training", "--service", "checkout", "--at", "2025-08-23T14:30:00Z"},
                {"ack", "--incident", "INC-2025-001", "--role", "commander", "--at", "2025-08-23T14:32:00Z"},
                {"list"}, {"list", "--status", "all", "--severity", "SEV-2", "--title", "train", "--limit", "1"},
                {"list", "--output", "json"}, {"show", "--incident", "INC-2025-001"},
                {"show", "--incident", "INC-2025-001", "--output", "json"}, {"metrics"}, {"metrics", "--output", "json"},
                {"verify", "--incident", "INC-2025-001"}, {"demo"},
            };
            for (String[] command : commands) {
                if (Im.run(command, nowhere, nowhere, env) != 0) {
                    System.err.println("im CDS training: '" + String.join(" ", command) + "' failed");
                    failures++;
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // A leftover temporary folder is harmless.
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
