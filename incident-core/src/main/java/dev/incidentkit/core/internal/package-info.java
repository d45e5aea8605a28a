/**
 * IncidentKit's implementation. Not an API: anything here may change in any release without
 * notice. Depend on {@code dev.incidentkit.core} and its subpackages instead.
 */
@NullMarked
package dev.incidentkit.core.internal;

import org.jspecify.annotations.NullMarked;
