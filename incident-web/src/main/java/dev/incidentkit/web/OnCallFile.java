package dev.incidentkit.web;

import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.OnCallConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-call configuration kept in a file of {@link OnCallConfig}'s format, such as the one a
 * team keeps in version control: read when opened, and read again when it changes (its
 * modification time, size or file key, looked at no more than once per {@link #RELOAD_INTERVAL}
 * by the clock), as {@link Credentials} reads its file. A change that cannot be read (broken JSON,
 * a missing file) is logged once at WARN and the configuration read before stays in use until the
 * file is fixed.
 *
 * <p>{@link #update} applies a change to the file as it is on disk (not to what was last read),
 * writes the result to a temporary file beside it and moves that over the file atomically, so that
 * a reader sees the old file or the new one, never a part; updates within this process are
 * serialized. (Another process that rewrites the file at the same moment is not locked out: the
 * last move wins, and each is read again.) The file is rewritten as {@link OnCallConfig#write}
 * writes it: a hand-written layout is not kept.
 *
 * <p>Thread-safe.
 *
 * @since 0.4.0
 */
public final class OnCallFile implements OnCallSource {

    /** How often the file's stamp is looked at, at most. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(OnCallFile.class);

    private final WatchedFile<OnCallConfig> watched;

    OnCallFile(Path file, Clock clock, Consumer<String> warnings) {
        this.watched = new WatchedFile<>(Objects.requireNonNull(file, "file"), Objects.requireNonNull(clock, "clock"),
                RELOAD_INTERVAL, new Format(warnings));
    }

    /**
     * Reads an on-call file, to be looked at again by the system clock.
     *
     * @param file the file; it must exist
     * @return the file's configuration, as it is now and as it will be
     * @throws OnCallConfigException naming the line, column and field if the file breaks the format
     * @throws UncheckedIOException if it cannot be read
     */
    public static OnCallFile open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * Reads an on-call file.
     *
     * @param file the file; it must exist
     * @param clock what tells when to look at the file again
     * @return the file's configuration, as it is now and as it will be
     * @throws OnCallConfigException naming the line, column and field if the file breaks the format
     * @throws UncheckedIOException if it cannot be read
     */
    public static OnCallFile open(Path file, Clock clock) {
        return new OnCallFile(file, clock, LOG::warn);
    }

    /** @return the file */
    public Path file() {
        return watched.file();
    }

    /** @return the configuration, the file read again first if {@link #RELOAD_INTERVAL} has passed and it changed */
    @Override
    public OnCallConfig current() {
        return watched.current();
    }

    /**
     * {@inheritDoc}
     *
     * @throws OnCallWriteException if the file as it is on disk cannot be read (it is broken or
     *     missing: fix it first), or the new one cannot be written; the file is then unchanged
     */
    @Override
    public OnCallConfig update(UnaryOperator<OnCallConfig> change) {
        Objects.requireNonNull(change, "change");
        try {
            return watched.change(stored -> {
                try {
                    return Objects.requireNonNull(change.apply(stored), "the change's configuration");
                } catch (RuntimeException e) {
                    throw new Refused(e);
                }
            });
        } catch (Refused r) {
            throw r.failure;
        } catch (OnCallConfigException | UncheckedIOException e) {
            throw new OnCallWriteException("The on-call file " + file() + " cannot be read to apply a change to it ("
                    + e.getMessage() + "); nothing was changed.", e);
        }
    }

    @Override
    public String toString() {
        OnCallConfig c = watched.held();
        return "OnCallFile[" + file() + ", " + c.schedules().size() + " schedules, " + c.policies().size() + " policies, "
                + c.people().size() + " people]";
    }

    /** What a change itself threw, carried past the reading and writing of the file that it is not. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException failure;

        Refused(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** The on-call file, as {@link WatchedFile} reads, writes and reports it. */
    private record Format(Consumer<String> warnings) implements WatchedFile.Format<OnCallConfig> {

        @Override
        public OnCallConfig read(Path file) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return OnCallConfig.read(r, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public void write(Path file, OnCallConfig contents) {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = null;
            try {
                tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(contents.write().getBytes(StandardCharsets.UTF_8));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                if (Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    // The file keeps its rights (it names people and how to reach them): a temporary
                    // file is created for its owner only.
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
                LOG.debug("Wrote on-call file {}: {} schedules, {} policies, {} people", file, contents.schedules().size(),
                        contents.policies().size(), contents.people().size());
            } catch (IOException | UnsupportedOperationException e) {
                throw new OnCallWriteException("The on-call file " + file + " cannot be written (" + e + "); it is unchanged.", e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // The write already failed and says so; a stray temporary file is the lesser harm.
                    }
                }
            }
        }

        @Override
        public RuntimeException unreadable(Path file, IOException cause) {
            return new UncheckedIOException("cannot read " + file, cause);
        }

        @Override
        public void keptBecause(Path file, RuntimeException failure) {
            warnings.accept("The on-call file " + file + " cannot be read (" + failure.getMessage()
                    + "); the configuration read before stays in use until it is fixed.");
        }

        @Override
        public void readAgain(Path file, OnCallConfig contents) {
            LOG.info("Read on-call file {} again: {} schedules, {} policies, {} people", file, contents.schedules().size(),
                    contents.policies().size(), contents.people().size());
        }
    }
}
