package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.testkit.CapturedLog;
import dev.incidentkit.testkit.SimpleEventStore;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's notifiers on a real store: discovery, threads started by build() and stopped by close(). */
class NotifierPluginsTest {

    /** Counts the instances closed, across the plugins of a test. */
    static final AtomicInteger CLOSED = new AtomicInteger();

    /** A plugin that loads, named {@code good}. */
    public static final class GoodPlugin implements Notifier {
        /** For ServiceLoader. */
        public GoodPlugin() {}

        @Override
        public String name() {
            return "good";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return DeliveryResult.delivered();
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    /** A plugin named like an explicitly registered notifier. */
    public static final class LogPlugin implements Notifier {
        /** For ServiceLoader. */
        public LogPlugin() {}

        @Override
        public String name() {
            return "log";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return DeliveryResult.delivered();
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    /** A plugin whose constructor fails. */
    public static final class BrokenPlugin implements Notifier {
        /** For ServiceLoader: always throws. */
        public BrokenPlugin() {
            throw new IllegalStateException("PAGERDUTY_ROUTING_KEY is not set");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return DeliveryResult.delivered();
        }
    }

    /** A plugin built against another version of a library: its name() cannot link. */
    public static final class MismatchedPlugin implements Notifier {
        /** For ServiceLoader. */
        public MismatchedPlugin() {}

        @Override
        public String name() {
            throw new NoSuchMethodError("'java.lang.String com.example.Config.channel()'");
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return DeliveryResult.delivered();
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    private static Set<String> notifierThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("incidentkit-notifier-wiring-")).collect(Collectors.toSet());
    }

    private static long watchdogs() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().equals("incidentkit-notifier-watchdog")).count();
    }

    @Test
    void discoveredNotifiersJoinTheExplicitOnesWhichWinOnAName(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Notifier.class.getName()),
                BrokenPlugin.class.getName() + "\n" + GoodPlugin.class.getName() + "\n" + LogPlugin.class.getName() + "\n"
                        + MismatchedPlugin.class.getName() + "\n");
        CLOSED.set(0);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            IncidentManager m = IncidentKit.builder().store(new SimpleEventStore()).notifier(new LoggingNotifier())
                    .discoverNotifiers(loader).build();
            assertThat(m.notifications().notifiers()).containsExactly("log", "good");
            assertThat(CLOSED).as("the skipped LogPlugin and MismatchedPlugin are closed at once").hasValue(2);
            m.close();
            assertThat(CLOSED).as("and the GoodPlugin with the manager").hasValue(3);
        }
    }

    @Test
    void anErrorFromANotifiersCloseIsLoggedOnce() {
        Notifier failingClose = new Notifier() {
            @Override
            public String name() {
                return "wiring-failing-close";
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                return DeliveryResult.delivered();
            }

            @Override
            public void close() {
                throw new NoSuchMethodError("'void okhttp3.ConnectionPool.evictAll()'");
            }
        };
        try (CapturedLog log = CapturedLog.start()) {
            IncidentKit.builder().store(new SimpleEventStore()).notifier(failingClose).build().close();
            assertThat(log.warningsAndErrors("Notifier wiring-failing-close ")).singleElement().asString()
                    .contains("failed to close");
            assertThat(log.lines()).as("not left to the thread's default handler")
                    .noneMatch(l -> l.startsWith("Exception in thread"));
        }
    }

    @Test
    void buildStartsOneThreadPerNotifierAndCloseStopsThemAndClosesTheNotifiers() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        Notifier counting = new Notifier() {
            @Override
            public String name() {
                return "wiring-counting";
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                delivered.countDown();
                return DeliveryResult.delivered();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        assertThat(notifierThreads()).isEmpty();
        long watchdogsBefore = watchdogs();
        IncidentManager m = IncidentKit.builder().store(new SimpleEventStore()).notifier(counting)
                .notifier(new LoggingNotifier("wiring-log")).build();
        assertThat(notifierThreads()).contains("incidentkit-notifier-wiring-counting", "incidentkit-notifier-wiring-log");
        assertThat(watchdogs()).isEqualTo(watchdogsBefore + 1);
        m.declare(Declare.of("Threads", Severity.SEV3, "checkout"), CommandContext.as("alice"));
        assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
        m.close();
        assertThat(notifierThreads()).as("no worker or call thread left running").isEmpty();
        assertThat(watchdogs()).isEqualTo(watchdogsBefore);
        assertThat(closed).hasValue(1);
        m.close();
        assertThat(closed).as("close is idempotent").hasValue(1);
    }
}
