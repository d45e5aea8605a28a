package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EscalationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store's escalation table against the escalation store contract, on H2File. */
class H2FileEscalationStoreTest extends EscalationStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2File);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
