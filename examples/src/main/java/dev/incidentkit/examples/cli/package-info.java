/**
 * The {@code im} command-line tool of the walkthrough: IncidentKit embedded with the JDBC store,
 * an H2 file by default, any JDBC URL (PostgreSQL included) with {@code --db}.
 */
@NullMarked
package dev.incidentkit.examples.cli;

import org.jspecify.annotations.NullMarked;
