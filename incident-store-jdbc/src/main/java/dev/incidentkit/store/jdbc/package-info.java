/**
 * The storage SPI over {@link javax.sql.DataSource}: {@link dev.incidentkit.store.jdbc.JdbcEventStore}
 * for H2 (embedded) and PostgreSQL (many processes on one database).
 */
@NullMarked
package dev.incidentkit.store.jdbc;

import org.jspecify.annotations.NullMarked;
