/**
 * JMH benchmarks of the JDBC store on H2 and PostgreSQL, each beside a plain-JDBC baseline on the
 * same database in the same run.
 */
@NullMarked
package dev.incidentkit.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
