package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.oncall.OnCallConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im serve}'s on-call file: read again when it changes, the last good one kept while it is broken. */
class WatchedOnCallFileTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String config(String... scheduleIds) {
        StringBuilder s = new StringBuilder("{\"version\": 1, \"schedules\": [");
        for (int i = 0; i < scheduleIds.length; i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\": \"").append(scheduleIds[i]).append("\", \"name\": \"N\", \"zone\": \"UTC\"}");
        }
        return s.append("]}").toString();
    }

    /** Replaces the file atomically, as im override add does: a new file key even within the same second. */
    void replace(Path file, String text) throws Exception {
        Path tmp = Files.createTempFile(dir, ".oncall", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void readsAgainWhenChangedAndKeepsTheLastGoodOne() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, config("primary"));
        TestClock clock = new TestClock();
        List<String> warnings = new ArrayList<>();
        WatchedOnCallFile watched = new WatchedOnCallFile(file, clock, warnings::add);
        assertThat(watched.get().schedules()).containsOnlyKeys("primary");

        replace(file, config("primary", "db"));
        assertThat(watched.get().schedules()).as("within a second of the last look").containsOnlyKeys("primary");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(watched.get().schedules()).containsOnlyKeys("primary", "db");

        replace(file, "{\"version\": 1, \"schedules\": [");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(watched.get().schedules()).containsOnlyKeys("primary", "db");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        watched.get();
        assertThat(warnings).as("reported once").hasSize(1);
        assertThat(warnings.get(0)).contains(file.toString()).contains("stays in use");

        Files.delete(file);
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(watched.get().schedules()).containsOnlyKeys("primary", "db");
        assertThat(warnings).hasSize(2);

        replace(file, config("db"));
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(watched.get().schedules()).containsOnlyKeys("db");
    }

    @Test
    void aBrokenFileAtStartIsRefused() throws Exception {
        Path file = dir.resolve("oncall.json");
        Files.writeString(file, "{\"version\": 2}");
        assertThatThrownBy(() -> new WatchedOnCallFile(file, Clock.systemUTC(), w -> { }))
                .isInstanceOf(OnCallConfigException.class);
    }
}
