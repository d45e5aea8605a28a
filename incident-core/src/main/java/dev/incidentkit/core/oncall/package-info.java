/**
 * On-call schedules as pure functions of {@code java.time}: a {@link
 * dev.incidentkit.core.oncall.Schedule} of {@link dev.incidentkit.core.oncall.Layer}s (each a
 * {@link dev.incidentkit.core.oncall.Rotation} with {@link
 * dev.incidentkit.core.oncall.Restriction}s), {@link dev.incidentkit.core.oncall.ScheduleOverride}s and
 * {@link dev.incidentkit.core.oncall.TemporarySchedule}s, and {@link
 * dev.incidentkit.core.oncall.OnCall}, which says who is on call at an instant and lists the
 * {@link dev.incidentkit.core.oncall.Shift}s of a span. No clock is read: every answer depends on
 * its arguments alone.
 *
 * <p><b>Escalation.</b> An {@link dev.incidentkit.core.oncall.EscalationPolicy} of {@link
 * dev.incidentkit.core.oncall.EscalationLevel}s pages {@link dev.incidentkit.core.oncall.Target}s
 * (people, or whoever a schedule has on call) until someone acknowledges. {@link
 * dev.incidentkit.core.oncall.Escalations} runs it as pure functions too: the state is a small
 * {@link dev.incidentkit.core.oncall.Escalation} value, and one call returns the {@link
 * dev.incidentkit.core.oncall.Step} due by an instant passed in and the state after it.
 *
 * <p><b>Configuration.</b> {@link dev.incidentkit.core.oncall.OnCallConfig} reads and writes
 * schedules, policies (with the services routed to each), and the {@link
 * dev.incidentkit.core.oncall.Person}s they page with their {@link
 * dev.incidentkit.core.oncall.ContactMethod}s, as one versioned JSON document, a file a team keeps
 * in version control; {@link dev.incidentkit.core.oncall.OnCallConfigException} names the line,
 * column and field of a bad one.
 *
 * <p><b>Paging metrics.</b> {@link dev.incidentkit.core.oncall.PagingMetrics} reads incident
 * histories and counts, per person and per shift, the pages of a span, those after hours, and the
 * time from each page to the incident's acknowledgment ({@link
 * dev.incidentkit.core.oncall.PagingReport}).
 *
 * <p><b>Wall-clock time.</b> Handoffs and restriction windows are local date-times in a zone,
 * turned into instants by one rule ({@link dev.incidentkit.core.oncall.Rotation} states it in
 * full): a local time that occurs once is that instant; one that does not occur (in a gap, when
 * clocks go forward) is the end of the gap, the transition instant; one that occurs twice (in an
 * overlap, when clocks go back) is the earlier occurrence where something starts and the later
 * where something ends, except a rotation's handoff, which is both and is the earlier.
 */
@NullMarked
package dev.incidentkit.core.oncall;

import org.jspecify.annotations.NullMarked;
