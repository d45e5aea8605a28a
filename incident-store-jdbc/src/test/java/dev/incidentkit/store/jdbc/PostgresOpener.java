package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.SharedStore;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens, in a child JVM of the contract suite, a store on a PostgreSQL schema a test made. */
public final class PostgresOpener implements SharedStore.Opener {

    /** Made by the child JVM through reflection. */
    public PostgresOpener() {}

    @Override
    public EventStore open(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return JdbcEventStore.builder(ds).build();
    }
}
