/**
 * Exports and imports of incidents, one class per format: the Markdown postmortem ({@link
 * dev.incidentkit.core.export.MarkdownExport}), the plain-text timeline ({@link
 * dev.incidentkit.core.export.TextExport}), JSON ({@link dev.incidentkit.core.export.JsonExport}),
 * CloudEvents one per line or as a batch ({@link dev.incidentkit.core.export.CloudEventsExport});
 * the import of a CloudEvents export into a store ({@link dev.incidentkit.core.export.Imports});
 * and the escaping of user text for each format ({@link dev.incidentkit.core.export.Escaping}).
 */
@NullMarked
package dev.incidentkit.core.export;

import org.jspecify.annotations.NullMarked;
