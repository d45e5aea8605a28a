package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.web.internal.pages.Chart.Axis;
import dev.incidentkit.web.internal.pages.Chart.Frame;
import dev.incidentkit.web.internal.pages.Chart.Key;
import dev.incidentkit.web.internal.pages.Chart.Row;
import dev.incidentkit.web.internal.pages.Chart.Table;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import dev.incidentkit.web.internal.pages.Chart.XLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stacked bar chart of counts per week, drawn by {@code chart/bars.jte}: one bar a week, one
 * segment a group (a severity, a service), the first group at the bottom.
 *
 * @param id the chart's id, the prefix of its element ids: a fixed word, never data
 * @param caption the figure's caption, also the SVG's title
 * @param description one sentence that says what the chart shows, the SVG's description
 * @param frame the view box and plot area
 * @param axis the y axis, in counts
 * @param xLabels the week labels under the plot
 * @param segments every non-empty segment of every bar
 * @param legend the groups, in stacking order (bottom first)
 * @param notice what is written over an empty plot, when every count is zero
 * @param table the same figures as text
 */
public record BarChart(
        String id,
        String caption,
        String description,
        Frame frame,
        Axis axis,
        List<XLabel> xLabels,
        List<Segment> segments,
        List<Key> legend,
        Optional<String> notice,
        Table table) {

    /** What is said over a plot without incidents. */
    public static final String NO_DATA = "No incidents in these weeks";

    /** A bar's share of its week's band; the rest is the gap between bars. */
    private static final double BAR = 0.6;

    /** Copies the lists. */
    public BarChart {
        xLabels = List.copyOf(xLabels);
        segments = List.copyOf(segments);
        legend = List.copyOf(legend);
    }

    /**
     * One segment of a bar, a rectangle.
     *
     * @param x its left edge
     * @param y its top edge
     * @param width its width
     * @param height its height
     * @param colour its group's colour
     * @param tooltip its week, group and count, such as {@code W34, SEV-1: 3}
     */
    public record Segment(double x, double y, double width, double height, String colour, String tooltip) {}

    /**
     * One group of counts to stack.
     *
     * @param name its name, such as {@code SEV-1} or a service
     * @param colour its colour, {@code #rrggbb}
     * @param counts one count a week, none negative
     */
    public record Group(String name, String colour, List<Long> counts) {

        /** Copies the counts. */
        public Group {
            counts = List.copyOf(counts);
        }
    }

    /**
     * Lays out a stacked bar chart.
     *
     * @param id the chart's id, such as {@code by-severity}
     * @param caption its caption, such as {@code Volume by severity per week}
     * @param note said after the totals in the description, such as that an incident counts under
     *     each of its services; empty for none
     * @param weeks the weeks, oldest first, at least one
     * @param labels how weeks are named
     * @param groups the groups, bottom first, each with one count a week
     * @return the chart
     * @throws IllegalArgumentException if the id or a colour is malformed, there is no week, a
     *     group has not one count a week, or a count is negative
     */
    public static BarChart of(String id, String caption, String note, List<IsoWeek> weeks, WeekLabels labels,
            List<Group> groups) {
        Frame frame = Chart.FRAME;
        int n = Chart.nonEmpty("weeks", weeks).size();
        long[] totals = new long[n];
        for (Group group : groups) {
            Chart.colour(group.colour());
            if (group.counts().size() != n) {
                throw new IllegalArgumentException("group " + group.name() + " has " + group.counts().size()
                        + " counts for " + n + " weeks");
            }
            for (int i = 0; i < n; i++) {
                long c = group.counts().get(i);
                if (c < 0) {
                    throw new IllegalArgumentException("group " + group.name() + " has a negative count: " + c);
                }
                totals[i] = Math.addExact(totals[i], c);
            }
        }
        long highest = 0;
        long sum = 0;
        for (long t : totals) {
            highest = Math.max(highest, t);
            sum = Math.addExact(sum, t);
        }
        Axis axis = Axis.nice(0, highest, true, frame);
        double band = frame.band(n);
        double width = Chart.round(band * BAR);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = Chart.round(frame.centre(i, n) - width / 2);
            long below = 0;
            for (Group group : groups) {
                long c = group.counts().get(i);
                if (c == 0) {
                    continue;
                }
                // Both edges from the running totals, so that neighbouring segments meet exactly.
                double bottom = axis.y(below, frame);
                double top = axis.y(below + c, frame);
                below += c;
                segments.add(new Segment(x, top, width, Chart.round(bottom - top), group.colour(),
                        labels.of(weeks.get(i)) + ", " + Chart.label(group.name()) + ": " + c));
            }
        }
        List<Key> legend = groups.stream().map(g -> new Key(Chart.label(g.name()), g.colour(), "none")).toList();
        String description = Chart.label(caption) + " " + Chart.span(weeks, labels) + ": " + sum + " in all, "
                + totals[n - 1] + " in " + labels.of(weeks.get(n - 1)) + "." + (note.isEmpty() ? "" : " " + note);
        return new BarChart(Chart.id(id), Chart.label(caption), description, frame, axis,
                Chart.xLabels(weeks, labels, frame), segments, legend,
                sum == 0 ? Optional.of(NO_DATA) : Optional.empty(), table(weeks, groups, totals));
    }

    private static Table table(List<IsoWeek> weeks, List<Group> groups, long[] totals) {
        List<String> columns = new ArrayList<>();
        columns.add("Week");
        for (Group g : groups) {
            columns.add(Chart.label(g.name()));
        }
        columns.add("Total");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (Group g : groups) {
                cells.add(Long.toString(g.counts().get(i)));
            }
            cells.add(Long.toString(totals[i]));
            rows.add(new Row(Chart.rowHeading(weeks.get(i)), cells));
        }
        return new Table(columns, rows);
    }
}
