package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServiceLoader discovery over a class loader that lists a good plugin between broken ones: a
 * constructor that throws, a class that is missing, a class that is no notifier.
 */
class NotifierDiscoveryTest {

    /** A plugin that loads. */
    public static final class GoodNotifier implements Notifier {
        /** For ServiceLoader. */
        public GoodNotifier() {}

        @Override
        public String name() {
            return "good";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return DeliveryResult.delivered();
        }
    }

    /** A plugin whose constructor fails, as one missing its configuration does. */
    public static final class BrokenNotifier implements Notifier {
        /** For ServiceLoader: always throws. */
        public BrokenNotifier() {
            throw new IllegalStateException("SLACK_WEBHOOK_URL is not set");
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

    /** Listed as a notifier, but is none. */
    public static final class NotANotifier {
        /** For ServiceLoader. */
        public NotANotifier() {}
    }

    /** A class loader that sees the test classes and, in {@code dir}, one services file listing {@code providers}. */
    static URLClassLoader pluginsIn(Path dir, String... providers) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Notifier.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, NotifierDiscoveryTest.class.getClassLoader());
    }

    @Test
    void aBrokenPluginIsReportedAndSkippedAndTheOthersLoad(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = pluginsIn(dir, BrokenNotifier.class.getName(), "dev.incidentkit.example.Missing",
                GoodNotifier.class.getName(), NotANotifier.class.getName())) {
            List<ServiceConfigurationError> errors = new ArrayList<>();
            List<Notifier> found = NotifierDiscovery.discover(loader, errors::add);
            assertThat(found).hasSize(1);
            assertThat(found.get(0)).isInstanceOf(GoodNotifier.class);
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0)).hasMessageContaining(BrokenNotifier.class.getName())
                    .hasRootCauseMessage("SLACK_WEBHOOK_URL is not set");
            assertThat(errors.get(1)).hasMessageContaining("dev.incidentkit.example.Missing");
            assertThat(errors.get(2)).hasMessageContaining(NotANotifier.class.getName());
        }
    }

    @Test
    void theLoggingVariantNeverThrows(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = pluginsIn(dir, BrokenNotifier.class.getName(), GoodNotifier.class.getName())) {
            assertThat(NotifierDiscovery.discover(loader)).extracting(Notifier::name).containsExactly("good");
        }
    }

    @Test
    void noPluginsNoNotifiers(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(NotifierDiscovery.discover(loader)).isEmpty();
        }
    }
}
