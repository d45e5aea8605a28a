package dev.incidentkit.testkit;

import dev.incidentkit.core.spi.EventStore;
import java.util.Objects;

/**
 * How a separate JVM opens the storage a store under test keeps, for the contract's test of a
 * process killed in the middle of its appends ({@link EventStoreContract#sharedStore}): the child
 * JVM, started on the test's class path, makes an {@code opener} with its public no-argument
 * constructor and calls {@link Opener#open} with {@code location}.
 *
 * <pre>{@code
 * protected Optional<SharedStore> sharedStore(EventStore store) {
 *     return Optional.of(new SharedStore(H2Opener.class, jdbcUrl));
 * }
 * public static final class H2Opener implements SharedStore.Opener {
 *     public EventStore open(String url) { return JdbcEventStore.builder(dataSource(url)).build(); }
 * }
 * }</pre>
 *
 * @param opener a public class with a public no-argument constructor
 * @param location what the opener needs to find the storage, such as a JDBC URL
 * @since 0.2.0
 */
public record SharedStore(Class<? extends Opener> opener, String location) {

    /** Checks that no component is null. */
    public SharedStore {
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(location, "location");
    }

    /** Opens a store on existing storage, in the JVM it runs in. */
    public interface Opener {

        /**
         * @param location where the storage is
         * @return a store on it, which the caller closes
         */
        EventStore open(String location);
    }
}
