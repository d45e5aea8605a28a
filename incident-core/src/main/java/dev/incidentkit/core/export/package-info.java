/**
 * Exports and imports of incidents: the Markdown postmortem, JSON, CloudEvents (one event per
 * line, and the batch format) and the plain-text timeline ({@link
 * dev.incidentkit.core.export.Exports}), the import of a CloudEvents export into a store ({@link
 * dev.incidentkit.core.export.Imports}), and the escaping of user text for each format ({@link
 * dev.incidentkit.core.export.Escaping}).
 */
@NullMarked
package dev.incidentkit.core.export;

import org.jspecify.annotations.NullMarked;
