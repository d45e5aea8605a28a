package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event streams of {@code /api/v1/events}: each client gets every recorded event after
 * the position it names, as a CloudEvent in a Server-Sent Events frame whose {@code id} is the
 * event's store position, so that a reconnecting client sends it back as {@code Last-Event-ID}
 * and misses nothing and sees nothing twice.
 *
 * <p>Each stream is a {@link IncidentManager#subscribe(LogPosition, java.util.function.Consumer)
 * subscription} of its own, which reads the store's global order (old events first, then live
 * ones) on its own thread: a slow client delays only itself, and the number of streams is
 * capped. A comment line every {@code heartbeat} keeps idle streams open through proxies and
 * the server's idle timeout, and finds clients that went away; its thread starts with the first
 * stream and ends with {@link #close()}. It only hands each stream's comment to a writer thread,
 * at most one per stream at a time: a client that stopped reading blocks a write until the idle
 * timeout fails it, and must not hold up the heartbeats of the others meanwhile.
 */
public final class EventStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    /** How long a browser waits before it reconnects, in milliseconds. */
    static final int RETRY_MILLIS = 2000;

    private final IncidentManager incidents;
    private final int maxStreams;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;
    /** Writes the heartbeats: a thread per stream whose comment is being written, reused. */
    private final ExecutorService beatWriters;
    private final AtomicLong failures = new AtomicLong();
    private final long heartbeatMillis;
    /** Places taken, by open streams and by requests about to open one; guarded by {@code open}. */
    private int taken;
    private boolean beating;
    private boolean closed;

    /**
     * @param incidents what to stream
     * @param maxStreams how many streams may be open at once
     * @param heartbeat how often an idle stream gets a comment line
     */
    public EventStreams(IncidentManager incidents, int maxStreams, Duration heartbeat) {
        this.incidents = incidents;
        this.maxStreams = maxStreams;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incidentkit-web-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.beatWriters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "incidentkit-web-heartbeat-write");
            t.setDaemon(true);
            return t;
        });
        this.heartbeatMillis = heartbeat.toMillis();
    }

    /** Where a stream's frames go: a response held open. Called from one thread at a time. */
    public interface Sink {
        /**
         * Writes and flushes text.
         *
         * @param text whole frames
         * @throws IOException if the client has gone
         */
        void write(String text) throws IOException;

        /** Ends the response. */
        void end();
    }

    /**
     * Starts a stream, if there is a place for it: {@link #reserve()}, then {@link Place#open}.
     *
     * @param after the last position the client has, {@link LogPosition#START} for all
     * @param sink where its frames go
     * @return false if the cap is reached or the streams are closed, true once the stream runs
     */
    public boolean open(LogPosition after, Sink sink) {
        Optional<Place> place = reserve();
        return place.isPresent() && place.get().open(after, sink, () -> true);
    }

    /**
     * Takes a place among the open streams, so that a request can be refused (503) before its
     * response is committed; two requests at once cannot both take the last place.
     *
     * @return the place, or empty if the cap is reached or the streams are closed
     */
    public Optional<Place> reserve() {
        synchronized (open) {
            if (closed || taken >= maxStreams) {
                return Optional.empty();
            }
            taken++;
            return Optional.of(new Place());
        }
    }

    /** A place among the open streams, taken by {@link #reserve()}: opened once, or released. */
    public final class Place {
        private boolean used;

        private Place() {}

        /**
         * Starts the stream in this place.
         *
         * @param after the last position the client has, {@link LogPosition#START} for all
         * @param sink where its frames go
         * @param allowed asked before each frame (heartbeats included), from the thread that
         *     writes it: once false, the stream ends without writing it. Must not block for long
         * @return false if the streams were closed meanwhile (the place is released), true once the stream runs
         * @throws IllegalStateException if the place was opened or released before
         */
        public boolean open(LogPosition after, Sink sink, BooleanSupplier allowed) {
            Stream stream = new Stream(sink, allowed);
            synchronized (open) {
                use();
                if (closed) {
                    taken--;
                    return false;
                }
                open.add(stream);
                if (!beating) {
                    // The heartbeat's thread starts with the first stream, so that a server nobody
                    // follows (or a route table built for a test) starts none.
                    beating = true;
                    heartbeats.scheduleWithFixedDelay(EventStreams.this::beat, heartbeatMillis, heartbeatMillis,
                            TimeUnit.MILLISECONDS);
                }
            }
            if (!stream.send("retry: " + RETRY_MILLIS + "\n\n")) {
                return true;
            }
            try {
                stream.start(after);
            } catch (RuntimeException e) {
                // The store could not be read: the client gets an ended stream, and reconnects.
                stream.end();
                throw e;
            }
            return true;
        }

        /** Gives the place back without opening a stream; does nothing if it was opened. */
        public void release() {
            synchronized (open) {
                if (!used) {
                    used = true;
                    taken--;
                }
            }
        }

        private void use() {
            if (used) {
                throw new IllegalStateException("this place among the live event streams was already used");
            }
            used = true;
        }
    }

    /**
     * @return how long a write to one client may take before its stream ends: two heartbeats, so
     *     that a client that stopped reading cannot hold a stream (or {@link #close()}) for long
     */
    public Duration writeTimeout() {
        return Duration.ofMillis(2 * heartbeatMillis);
    }

    /** @return whether the cap of open streams is reached (a stream opened now would be refused) */
    public boolean full() {
        synchronized (open) {
            return taken >= maxStreams;
        }
    }

    /** @return how many streams are open */
    public int openStreams() {
        return open.size();
    }

    /** @return how many events could not be encoded (each logged at ERROR) */
    public long failures() {
        return failures.get();
    }

    private void beat() {
        for (Stream stream : open) {
            stream.beat();
        }
    }

    /** Ends every stream. */
    @Override
    public void close() {
        synchronized (open) {
            closed = true;
        }
        heartbeats.shutdownNow();
        beatWriters.shutdownNow();
        for (Stream stream : open) {
            stream.end();
        }
    }

    /** One client's stream. */
    private final class Stream {
        private final Sink sink;
        private final BooleanSupplier allowed;
        private volatile Subscription subscription;
        private final AtomicBoolean beatPending = new AtomicBoolean();
        private boolean ended;

        Stream(Sink sink, BooleanSupplier allowed) {
            this.sink = sink;
            this.allowed = allowed;
        }

        void start(LogPosition after) {
            Subscription s = incidents.subscribe(after, this::deliver);
            subscription = s;
            synchronized (this) {
                if (!ended) {
                    return;
                }
            }
            s.close();
        }

        private void deliver(RecordedEvent event) {
            String data;
            try {
                data = new String(incidents.cloudEvents().serialize(event), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                // Counted and logged once; the stream goes on, as every other reader of the log does.
                failures.incrementAndGet();
                LOG.error("Event {} of {} could not be written as a CloudEvent for the live stream", event.eventId(),
                        event.incidentId(), e);
                return;
            }
            send("id: " + event.position() + "\ndata: " + data + "\n\n");
        }

        /** Sends a heartbeat from a writer thread, unless the last one is still being written. */
        void beat() {
            if (!beatPending.compareAndSet(false, true)) {
                return;
            }
            try {
                beatWriters.execute(() -> {
                    try {
                        send(": keep-alive\n\n");
                    } finally {
                        beatPending.set(false);
                    }
                });
            } catch (RejectedExecutionException closing) {
                beatPending.set(false);
            }
        }

        /** @return false if the client has gone, and the stream is ended */
        boolean send(String frames) {
            if (!allowed.getAsBoolean()) {
                LOG.debug("A live event stream ended: its caller may no longer read");
                end();
                return false;
            }
            synchronized (this) {
                if (ended) {
                    return false;
                }
                try {
                    sink.write(frames);
                    return true;
                } catch (IOException e) {
                    LOG.debug("A live event stream's client went away: {}", e.toString());
                }
            }
            // Outside the lock: ending joins the subscription's thread, which may be waiting for it.
            end();
            return false;
        }

        void end() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            synchronized (open) {
                if (open.remove(this)) {
                    taken--;
                }
            }
            Subscription s = subscription;
            if (s != null) {
                // From the subscription's own thread, close() returns at once; from another, it
                // waits for the delivery in progress, which holds no lock of ours.
                s.close();
            }
            sink.end();
        }
    }
}
