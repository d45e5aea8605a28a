package dev.incidentkit.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes the databases a test made, after every {@code @AfterEach} method has run (the contract
 * suites close their store and manager there, and a subscription may still read until then).
 */
final class TestDatabases implements AfterEachCallback {

    private final Supplier<TestDatabase> factory;
    private final List<TestDatabase> open = new ArrayList<>();

    TestDatabases(Supplier<TestDatabase> factory) {
        this.factory = factory;
    }

    /** @return a fresh database, closed after the test */
    synchronized TestDatabase create() {
        TestDatabase db = factory.get();
        open.add(db);
        return db;
    }

    /** @return the database made last */
    synchronized TestDatabase last() {
        return open.get(open.size() - 1);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (TestDatabase db : open) {
            db.close();
        }
        open.clear();
    }
}
