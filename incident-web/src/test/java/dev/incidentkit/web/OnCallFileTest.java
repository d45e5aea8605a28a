package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.OnCallConfigException;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.testkit.ManualClock;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OnCallFile: read again when it changes, the last good one kept while broken, written atomically")
class OnCallFileTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    static String config(String... scheduleIds) {
        StringBuilder s = new StringBuilder("{\"version\": 1, \"schedules\": [");
        for (int i = 0; i < scheduleIds.length; i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\": \"").append(scheduleIds[i]).append("\", \"name\": \"N\", \"zone\": \"UTC\"}");
        }
        return s.append("]}").toString();
    }

    /** Replaces the file atomically, as an editor or im override add does: a new file key even within the same second. */
    void replace(Path file, String text) throws Exception {
        Path tmp = Files.createTempFile(dir, ".oncall", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private OnCallFile open(Path file) {
        return new OnCallFile(file, clock, warnings::add);
    }

    @Test
    @DisplayName("a change is read at the next look after the interval; a broken one is warned of once and the last good one kept")
    void readsAgainWhenChangedAndKeepsTheLastGoodOne() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config("primary"));
        OnCallFile watched = open(file);
        assertThat(watched.current().schedules()).containsOnlyKeys("primary");

        replace(file, config("primary", "db"));
        assertThat(watched.current().schedules()).as("within the interval of the last look").containsOnlyKeys("primary");
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        assertThat(watched.current().schedules()).containsOnlyKeys("primary", "db");

        replace(file, "{\"version\": 1, \"schedules\": [");
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        assertThat(watched.current().schedules()).containsOnlyKeys("primary", "db");
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        watched.current();
        assertThat(warnings).as("reported once").hasSize(1);
        assertThat(warnings.get(0)).contains(file.toString()).contains("is not valid JSON").contains("stays in use");

        Files.delete(file);
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        assertThat(watched.current().schedules()).containsOnlyKeys("primary", "db");
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        watched.current();
        assertThat(warnings).hasSize(2);

        replace(file, config("db"));
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        assertThat(watched.current().schedules()).containsOnlyKeys("db");
        assertThat(warnings).hasSize(2);
    }

    @Test
    @DisplayName("a broken or missing file at start is refused")
    void aBrokenFileAtStartIsRefused() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, "{\"version\": 2}");
        assertThatThrownBy(() -> OnCallFile.open(file, clock)).isInstanceOf(OnCallConfigException.class)
                .hasMessageContaining("oncall.json:1:13: version");
        assertThatThrownBy(() -> OnCallFile.open(dir.resolve("none.json"), clock)).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    @DisplayName("an update builds on the file as on disk, replaces it atomically (no temporary file left) and is served at once")
    void updateWritesTheFile() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config("primary"));
        OnCallFile watched = open(file);
        replace(file, config("primary", "db"));   // an edit the file has not been looked at for yet
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        }

        Person ada = Person.of("ada", "Ada", new ContactMethod("email", "ada@example.com"));
        OnCallConfig stored = watched.update(c -> c.withPerson(ada));

        assertThat(stored.schedules()).as("the edit on disk kept").containsOnlyKeys("primary", "db");
        assertThat(watched.current()).isEqualTo(stored);
        OnCallConfig onDisk = OnCallConfig.read(new StringReader(Files.readString(file)), "oncall.json");
        assertThat(onDisk).isEqualTo(stored);
        assertThat(onDisk.person("ada")).contains(ada);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("oncall.json");
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        }
        clock.advance(OnCallFile.RELOAD_INTERVAL);
        assertThat(watched.current()).as("its own write is not read as a change").isEqualTo(stored);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("an update that throws writes nothing and its exception reaches the caller; a broken file on disk is OnCallWriteException")
    void failedUpdatesWriteNothing() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config("primary"));
        OnCallFile watched = open(file);
        String before = Files.readString(file);

        assertThatThrownBy(() -> watched.update(c -> c.withoutSchedule("primary").withPerson(Person.of(" ", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("id must be");
        assertThatThrownBy(() -> watched.update(c -> c.withSchedule(OnCallConfig.readSchedule("{}", "body"))))
                .isInstanceOf(OnCallConfigException.class).hasMessage("body:1:1: lacks the required field \"id\"");
        assertThat(Files.readString(file)).isEqualTo(before);

        replace(file, "not json");
        assertThatThrownBy(() -> watched.update(c -> c)).isInstanceOf(OnCallWriteException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cannot be read to apply a change")
                .hasCauseInstanceOf(OnCallConfigException.class);
        assertThat(Files.readString(file)).isEqualTo("not json");
        assertThat(watched.current().schedules()).containsOnlyKeys("primary");
    }

    @Test
    @DisplayName("concurrent updates are serialized: each builds on the one before, none is lost")
    void concurrentUpdatesAreSerialized() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config());
        OnCallFile watched = open(file);
        int threads = 8;
        int each = 10;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        String id = "p" + thread + "-" + i;
                        watched.update(c -> c.withPerson(Person.of(id, id)));
                        watched.current();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        OnCallConfig onDisk = OnCallConfig.read(new StringReader(Files.readString(file)), "oncall.json");
        assertThat(onDisk.people()).hasSize(threads * each);
        assertThat(watched.current()).isEqualTo(onDisk);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("a read-only source serves its supplier and refuses every update")
    void readOnly() {
        OnCallConfig config = OnCallConfig.of(List.of(), List.of());
        OnCallSource source = OnCallSource.readOnly(() -> config);
        assertThat(source.current()).isSameAs(config);
        assertThatThrownBy(() -> source.update(c -> c)).isInstanceOf(OnCallReadOnlyException.class)
                .hasMessageStartingWith("On-call is read-only here");
    }

    @Test
    @DisplayName("the clock going back looks again at once")
    void clockBack() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config("primary"));
        OnCallFile watched = open(file);
        replace(file, config("db"));
        clock.set(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(watched.current().schedules()).containsOnlyKeys("db");
    }
}
