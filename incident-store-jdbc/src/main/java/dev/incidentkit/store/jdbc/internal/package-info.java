/**
 * The JDBC store's implementation: SQL per dialect, migrations, row mapping and error mapping.
 * Not an API: anything here may change in any release without notice. Use {@link
 * dev.incidentkit.store.jdbc.JdbcEventStore} instead.
 */
@NullMarked
package dev.incidentkit.store.jdbc.internal;

import org.jspecify.annotations.NullMarked;
