package dev.incidentkit.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The contents of a file as last read or written, and the one job of knowing when to read it
 * again: at most once per interval by the clock, and only if the file's modification time, size
 * or file key changed. A change that cannot be read is reported once (by its stamp) and what was
 * read before stays in use. Changes are serialized and always build on the file as it is on
 * disk. The credentials file ({@link Credentials}) and the on-call file ({@link OnCallFile}) share
 * it; each says through its {@link Format} how it is read, written and logged. Thread-safe:
 * {@link #current()} reads a volatile snapshot.
 *
 * @param <T> what the file holds
 */
final class WatchedFile<T> {

    /** How a kind of file is read, written and reported. */
    interface Format<T> {

        /**
         * @param file the file
         * @return what it holds
         * @throws RuntimeException (of the format's own type) if it cannot be read or breaks the format
         */
        T read(Path file);

        /**
         * Replaces the file atomically.
         *
         * @throws RuntimeException (of the format's own type) if it cannot be written; the file is then unchanged
         */
        void write(Path file, T contents);

        /** @return the format's exception for a file whose attributes cannot be read */
        RuntimeException unreadable(Path file, IOException cause);

        /** Logs, at WARN, that a change of the file cannot be read and what was read before stays in use. */
        void keptBecause(Path file, RuntimeException failure);

        /** Logs, at INFO, that the file was read again. */
        void readAgain(Path file, T contents);
    }

    private final Path file;
    private final Clock clock;
    private final Duration interval;
    private final Format<T> format;
    private final Object lock = new Object();
    private volatile T data;
    private volatile Stamp stamp;
    private volatile Instant checked;
    /** The stamp of the last file that could not be read, so that lookups report it once. */
    private Stamp broken = Stamp.NONE;

    /**
     * Reads the file.
     *
     * @throws RuntimeException the format's, if it cannot be read
     */
    WatchedFile(Path file, Clock clock, Duration interval, Format<T> format) {
        this.file = file;
        this.clock = clock;
        this.interval = interval;
        this.format = format;
        this.stamp = stamp();
        this.data = format.read(file);
        this.checked = clock.instant();
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** @return the contents, read again first if the interval has passed and the file changed */
    T current() {
        Instant now = clock.instant();
        Instant last = checked;
        // A clock that went back also triggers a check, rather than none until it catches up.
        if (!now.isBefore(last.plus(interval)) || now.isBefore(last)) {
            try {
                reload(false);
            } catch (RuntimeException e) {
                format.keptBecause(file, e);
            }
        }
        return data;
    }

    /** @return the contents as last read or written, without looking at the file */
    T held() {
        return data;
    }

    /**
     * @param explicit true to read a broken file again (and throw again) even if it did not
     *     change since it was last found broken; lookups pass false, so that it is logged once
     * @return whether the file had changed
     * @throws RuntimeException the format's, if it cannot be read or breaks the format
     */
    boolean reload(boolean explicit) {
        synchronized (lock) {
            checked = clock.instant();
            Stamp now;
            try {
                now = stamp();
            } catch (RuntimeException e) {
                if (!explicit && broken == Stamp.UNKNOWN) {
                    return false;
                }
                broken = Stamp.UNKNOWN;
                throw e;
            }
            if (now.equals(stamp) || (!explicit && now.equals(broken))) {
                return false;
            }
            T read;
            try {
                read = format.read(file);
            } catch (RuntimeException e) {
                broken = now;
                throw e;
            }
            data = read;
            stamp = now;
            broken = Stamp.NONE;
            format.readAgain(file, read);
            return true;
        }
    }

    /**
     * Reads the file, applies a change to what it holds, and writes the result atomically.
     *
     * @param operation the change; it throws to write nothing
     * @return what was written
     * @throws RuntimeException the format's, if the file cannot be read or written; or what {@code operation} throws
     */
    T change(UnaryOperator<T> operation) {
        synchronized (lock) {
            T next = operation.apply(format.read(file));
            format.write(file, next);
            data = next;
            stamp = stamp();
            checked = clock.instant();
            broken = Stamp.NONE;
            return next;
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Optional.of(a.lastModifiedTime()), a.size(), Optional.ofNullable(a.fileKey()));
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            throw format.unreadable(file, e);
        }
    }

    /** What tells whether a file changed: an atomic replace always gives a new file key (inode). */
    private record Stamp(Optional<FileTime> modified, long size, Optional<Object> key) {
        static final Stamp MISSING = new Stamp(Optional.empty(), -1, Optional.empty());
        static final Stamp NONE = new Stamp(Optional.empty(), -2, Optional.empty());
        /** Attributes that could not be read. */
        static final Stamp UNKNOWN = new Stamp(Optional.empty(), -3, Optional.empty());
    }
}
