/**
 * The on-call benchmarks: a year of a schedule's shifts, beside the JDK's wall-clock arithmetic;
 * and the escalator's tick, beside the pages it writes recorded without it.
 */
@NullMarked
package dev.incidentkit.benchmarks.oncall;

import org.jspecify.annotations.NullMarked;
