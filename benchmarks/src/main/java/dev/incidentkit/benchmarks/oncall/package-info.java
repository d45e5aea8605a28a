/** The on-call benchmark: a year of a schedule's shifts, beside the JDK's wall-clock arithmetic. */
@NullMarked
package dev.incidentkit.benchmarks.oncall;

import org.jspecify.annotations.NullMarked;
