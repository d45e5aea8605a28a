/** Runnable examples of IncidentKit: the walkthrough of the documentation, through the API. */
@NullMarked
package dev.incidentkit.examples;

import org.jspecify.annotations.NullMarked;
