package dev.incidentkit.web;

import dev.incidentkit.web.CredentialsFile.Data;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contents of a credentials file as last read or written, and the one job of knowing when to
 * read it again: at most once per {@link Credentials#RELOAD_INTERVAL} by the clock, and only if
 * the file's modification time, size or file key changed. Changes are serialized and always build
 * on the file as it is on disk. Thread-safe: {@link #current()} reads a volatile snapshot.
 */
final class WatchedFile {

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    private final Path file;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Data data;
    private volatile Stamp stamp;
    private volatile Instant checked;
    /** The stamp of the last file that could not be read, so that lookups report it once. */
    private Stamp broken = Stamp.NONE;

    WatchedFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.stamp = stamp(file);
        this.data = CredentialsFile.read(file);
        this.checked = clock.instant();
    }

    /** @return the contents, read again first if a second has passed and the file changed */
    Data current() {
        Instant now = clock.instant();
        Instant last = checked;
        // A clock that went back also triggers a check, rather than none until it catches up.
        if (!now.isBefore(last.plus(Credentials.RELOAD_INTERVAL)) || now.isBefore(last)) {
            try {
                reload(false);
            } catch (CredentialsFileException e) {
                LOG.warn("{} The credentials read before stay in use until the file is fixed.", e.getMessage());
            }
        }
        return data;
    }

    /** @return the contents as last read or written, without looking at the file */
    Data held() {
        return data;
    }

    /**
     * @param explicit true to read a broken file again (and throw again) even if it did not
     *     change since it was last found broken; lookups pass false, so that it is logged once
     * @return whether the file had changed
     * @throws CredentialsFileException if it cannot be read or breaks the format
     */
    boolean reload(boolean explicit) {
        synchronized (lock) {
            checked = clock.instant();
            Stamp now = stamp(file);
            if (now.equals(stamp) || (!explicit && now.equals(broken))) {
                return false;
            }
            Data read;
            try {
                read = CredentialsFile.read(file);
            } catch (CredentialsFileException e) {
                broken = now;
                throw e;
            }
            data = read;
            stamp = now;
            LOG.info("Read credentials file {} again: {} users, {} tokens", file, read.users().size(), read.tokens().size());
            return true;
        }
    }

    /**
     * Reads the file, applies a change to what it holds, and writes the result atomically.
     *
     * @param operation the change; it throws to write nothing
     */
    void change(UnaryOperator<Data> operation) {
        synchronized (lock) {
            Data next = operation.apply(CredentialsFile.read(file));
            CredentialsFile.write(file, next);
            data = next;
            stamp = stamp(file);
            checked = clock.instant();
            LOG.debug("Wrote credentials file {}: {} users, {} tokens", file, next.users().size(), next.tokens().size());
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Optional.of(a.lastModifiedTime()), a.size(), Optional.ofNullable(a.fileKey()));
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be read", e);
        }
    }

    /** What tells whether a file changed: an atomic replace always gives a new file key (inode). */
    private record Stamp(Optional<FileTime> modified, long size, Optional<Object> key) {
        static final Stamp MISSING = new Stamp(Optional.empty(), -1, Optional.empty());
        static final Stamp NONE = new Stamp(Optional.empty(), -2, Optional.empty());
    }

}
