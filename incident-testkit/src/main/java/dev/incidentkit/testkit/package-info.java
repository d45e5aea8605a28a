/**
 * IncidentKit's test compatibility kit: the abstract contract suites every store adapter runs,
 * canonical fixtures, a clock tests move by hand and AssertJ assertions for incidents.
 */
@NullMarked
package dev.incidentkit.testkit;

import org.jspecify.annotations.NullMarked;
