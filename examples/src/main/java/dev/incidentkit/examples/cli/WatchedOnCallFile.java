package dev.incidentkit.examples.cli;

import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.OnCallConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The on-call file as {@code im serve} hands it to the web server: read at start, and read again
 * when it changes (its modification time, size or file key, looked at no more than once a second),
 * as the credentials file is; {@code im override add} replaces it atomically, which gives it a new
 * file key. A change that cannot be read (broken JSON, a missing file) is reported once and the
 * configuration read before stays in use until the file is fixed. Thread-safe.
 */
final class WatchedOnCallFile implements Supplier<OnCallConfig> {

    /** How often the file's stamp is looked at, at most. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final Clock clock;
    private final Consumer<String> warn;
    private final Object lock = new Object();
    private volatile OnCallConfig config;
    private volatile Instant checked;
    private Stamp stamp;
    private Stamp broken = Stamp.NONE;

    /**
     * Reads the file.
     *
     * @throws OnCallConfigException if it breaks the format; UncheckedIOException if it cannot be read
     */
    WatchedOnCallFile(Path file, Clock clock, Consumer<String> warn) {
        this.file = file;
        this.clock = clock;
        this.warn = warn;
        this.stamp = stamp(file);
        this.config = read(file);
        this.checked = clock.instant();
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** @return the configuration, read again first if a second has passed and the file changed */
    @Override
    public OnCallConfig get() {
        Instant now = clock.instant();
        Instant last = checked;
        if (!now.isBefore(last.plus(INTERVAL)) || now.isBefore(last)) {
            synchronized (lock) {
                checked = now;
                Stamp current;
                try {
                    current = stamp(file);
                } catch (UncheckedIOException e) {
                    current = Stamp.NONE;
                }
                if (!current.equals(stamp) && !current.equals(broken)) {
                    try {
                        config = read(file);
                        stamp = current;
                    } catch (OnCallConfigException | UncheckedIOException e) {
                        broken = current;
                        warn.accept("The on-call file " + file + " cannot be read (" + e.getMessage()
                                + "); the one read before stays in use until it is fixed.");
                    }
                }
            }
        }
        return config;
    }

    private static OnCallConfig read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return OnCallConfig.read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Optional.of(a.lastModifiedTime()), a.size(), Optional.ofNullable(a.fileKey()));
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What tells whether a file changed: an atomic replace always gives a new file key (inode). */
    private record Stamp(Optional<FileTime> modified, long size, Optional<Object> key) {
        static final Stamp MISSING = new Stamp(Optional.empty(), -1, Optional.empty());
        static final Stamp NONE = new Stamp(Optional.empty(), -2, Optional.empty());
    }
}
