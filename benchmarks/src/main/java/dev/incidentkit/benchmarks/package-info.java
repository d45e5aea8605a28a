/**
 * JMH benchmarks of IncidentKit, each measured beside a plain-Jackson baseline in the same run,
 * so that a result can be read as a ratio that survives a noisy machine. Never published.
 */
@NullMarked
package dev.incidentkit.benchmarks;

import org.jspecify.annotations.NullMarked;
