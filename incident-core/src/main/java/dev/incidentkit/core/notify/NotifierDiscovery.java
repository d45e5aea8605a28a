package dev.incidentkit.core.notify;

import dev.incidentkit.notify.spi.Notifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds notifier plugins with {@link ServiceLoader}: each jar that lists a class in {@code
 * META-INF/services/dev.incidentkit.notify.spi.Notifier} (and that class has a public no-argument
 * constructor) contributes one instance. A plugin that cannot be loaded (its class is missing,
 * does not implement {@link Notifier}, or its constructor throws) is reported and skipped; it
 * never keeps the others from loading. {@code IncidentKit.builder().discoverNotifiers()} uses it.
 *
 * @since 0.1.0
 */
public final class NotifierDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierDiscovery.class);
    /** Stops a broken class path from reporting errors forever. */
    private static final int MAX_ERRORS = 100;

    private NotifierDiscovery() {}

    /**
     * Finds the notifiers a class loader offers, logging each plugin that fails at ERROR and
     * skipping it.
     *
     * @param loader where to look
     * @return the notifiers that loaded, in the order the class loader lists them
     */
    public static List<Notifier> discover(ClassLoader loader) {
        return discover(loader, e -> LOG.error("A notifier plugin could not be loaded and is skipped: {}", e.getMessage(), e));
    }

    /**
     * Finds the notifiers a class loader offers, handing each plugin that fails to {@code onError}
     * and skipping it.
     *
     * @param loader where to look
     * @param onError told of each plugin that could not be loaded
     * @return the notifiers that loaded, in the order the class loader lists them
     */
    public static List<Notifier> discover(ClassLoader loader, Consumer<ServiceConfigurationError> onError) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(onError, "onError");
        List<Notifier> found = new ArrayList<>();
        Iterator<Notifier> it = ServiceLoader.load(Notifier.class, loader).iterator();
        int errors = 0;
        while (errors < MAX_ERRORS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                errors++;
                onError.accept(e);
            } catch (RuntimeException | LinkageError e) {
                // Not what ServiceLoader documents, but a plugin's static initializer can get one through.
                errors++;
                onError.accept(new ServiceConfigurationError(Notifier.class.getName() + ": a provider failed: " + e, e));
            }
        }
        return List.copyOf(found);
    }
}
