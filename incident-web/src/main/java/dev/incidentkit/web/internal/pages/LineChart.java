package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.web.internal.pages.Chart.Axis;
import dev.incidentkit.web.internal.pages.Chart.Frame;
import dev.incidentkit.web.internal.pages.Chart.Key;
import dev.incidentkit.web.internal.pages.Chart.Point;
import dev.incidentkit.web.internal.pages.Chart.Row;
import dev.incidentkit.web.internal.pages.Chart.Table;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import dev.incidentkit.web.internal.pages.Chart.XLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A line chart of durations per week, drawn by {@code chart/line.jte}: one line per series, a
 * marker on every week that has a value, and a gap (not a zero) where a week has none.
 *
 * <p>Durations come in minutes and are shown in the one {@link Unit} that suits the largest of
 * them: minutes under 3 hours, hours under 3 days, days beyond. The axis, the description and the
 * table all use that unit, so that a week-long MTTR reads {@code 7.0 d}, not {@code 10,080 min}.
 *
 * @param id the chart's id, the prefix of its element ids: a fixed word, never data
 * @param caption the figure's caption, also the SVG's title
 * @param description one sentence that says what the chart shows, the SVG's description
 * @param frame the view box and plot area
 * @param axis the y axis, in {@code unit}
 * @param unit the unit of the axis, the description and the table
 * @param xLabels the week labels under the plot
 * @param series the lines, in legend order
 * @param notice what is written over an empty plot, when no week has a value
 * @param table the same figures as text
 */
public record LineChart(
        String id,
        String caption,
        String description,
        Frame frame,
        Axis axis,
        Unit unit,
        List<XLabel> xLabels,
        List<Series> series,
        Optional<String> notice,
        Table table) {

    /** What is said over a plot without values. */
    public static final String NO_DATA = "No incidents in these weeks";

    /** Copies the lists. */
    public LineChart {
        xLabels = List.copyOf(xLabels);
        series = List.copyOf(series);
    }

    /** The unit durations are shown in, one for the whole chart. */
    public enum Unit {
        /** Minutes, written {@code min}. */
        MINUTES("min", 1),
        /** Hours, written {@code h}. */
        HOURS("h", 60),
        /** Days of 24 hours, written {@code d}. */
        DAYS("d", 24 * 60);

        private final String symbol;
        private final double minutes;

        Unit(String symbol, double minutes) {
            this.symbol = symbol;
            this.minutes = minutes;
        }

        /** @return how it is written over the axis and in the table's headings: {@code min}, {@code h} or {@code d} */
        public String symbol() {
            return symbol;
        }

        /**
         * The unit for durations whose largest (in magnitude) is {@code largest} minutes. A unit
         * is kept until three of the next: 150 min reads better than 2.5 h, and 60 h than 2.5 d.
         *
         * @param largest the largest duration, in minutes
         * @return minutes under 3 hours, hours under 3 days, days from then on
         */
        static Unit fitting(double largest) {
            if (largest < 3 * HOURS.minutes) {
                return MINUTES;
            }
            return largest < 3 * DAYS.minutes ? HOURS : DAYS;
        }

        /**
         * @param minutes a duration in minutes
         * @return the same duration in this unit
         */
        double of(double minutes) {
            return minutes / this.minutes;
        }
    }

    /**
     * One line as drawn.
     *
     * @param key its legend entry (name, colour, dash)
     * @param runs the unbroken stretches of the line, each of two points or more
     * @param points every point that has a value, each drawn as a marker (so that a week alone
     *     between two gaps shows)
     */
    public record Series(Key key, List<Run> runs, List<Point> points) {

        /** Copies the lists. */
        public Series {
            runs = List.copyOf(runs);
            points = List.copyOf(points);
        }
    }

    /**
     * An unbroken stretch of a line.
     *
     * @param points its points, at least two
     */
    public record Run(List<Point> points) {

        /** Copies the points. */
        public Run {
            points = List.copyOf(points);
        }

        /** @return the SVG {@code points} value: {@code x,y x,y ...} */
        public String svgPoints() {
            return points.stream().map(p -> p.x() + "," + p.y()).collect(Collectors.joining(" "));
        }
    }

    /**
     * One series of values to draw.
     *
     * @param name its name, such as {@code MTTR}
     * @param colour its colour, {@code #rrggbb}
     * @param dash its {@code stroke-dasharray}, {@code none} for solid
     * @param minutes one value a week, in minutes (the chart picks the unit it shows them in);
     *     empty where the week has none
     */
    public record Line(String name, String colour, String dash, List<OptionalDouble> minutes) {

        /** Copies the values. */
        public Line {
            minutes = List.copyOf(minutes);
        }
    }

    /**
     * Lays out a line chart, in the {@link Unit} that suits its largest value.
     *
     * @param id the chart's id, such as {@code mtta-mttr}
     * @param caption its caption, such as {@code MTTA and MTTR per week}
     * @param weeks the weeks, oldest first, at least one
     * @param labels how weeks are named
     * @param lines the series, each with one value a week
     * @return the chart
     * @throws IllegalArgumentException if the id or a colour is malformed, there is no week, a
     *     series has not one value a week, or a value is not finite
     */
    public static LineChart of(String id, String caption, List<IsoWeek> weeks, WeekLabels labels, List<Line> lines) {
        Frame frame = Chart.FRAME;
        int n = Chart.nonEmpty("weeks", weeks).size();
        double low = 0;
        double high = 0;
        boolean any = false;
        for (Line line : lines) {
            Chart.colour(line.colour());
            if (line.minutes().size() != n) {
                throw new IllegalArgumentException("series " + line.name() + " has " + line.minutes().size()
                        + " values for " + n + " weeks");
            }
            for (OptionalDouble v : line.minutes()) {
                if (v.isPresent()) {
                    any = true;
                    low = Math.min(low, Chart.finite(v.getAsDouble()));
                    high = Math.max(high, v.getAsDouble());
                }
            }
        }
        Unit unit = Unit.fitting(Math.max(high, -low));
        Axis axis = Axis.nice(unit.of(low), unit.of(high), false, frame);
        List<Series> series = new ArrayList<>();
        for (Line line : lines) {
            series.add(draw(line, unit, axis, frame, n));
        }
        return new LineChart(Chart.id(id), Chart.label(caption), describe(caption, weeks, labels, lines, unit, any),
                frame, axis, unit, Chart.xLabels(weeks, labels, frame), series,
                any ? Optional.empty() : Optional.of(NO_DATA), table(weeks, lines, unit));
    }

    private static Series draw(Line line, Unit unit, Axis axis, Frame frame, int n) {
        List<Run> runs = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OptionalDouble v = line.minutes().get(i);
            if (v.isEmpty()) {
                close(run, runs);
                continue;
            }
            Point p = new Point(Chart.round(frame.centre(i, n)), axis.y(unit.of(v.getAsDouble()), frame));
            points.add(p);
            run.add(p);
        }
        close(run, runs);
        return new Series(new Key(Chart.label(line.name()), line.colour(), line.dash()), runs, points);
    }

    private static void close(List<Point> run, List<Run> runs) {
        if (run.size() >= 2) {
            runs.add(new Run(run));
        }
        run.clear();
    }

    /** "MTTA and MTTR per week from W30 to W41; latest MTTA 0.1 h (W41), MTTR 42 h (W40)." */
    private static String describe(String caption, List<IsoWeek> weeks, WeekLabels labels, List<Line> lines,
            Unit unit, boolean any) {
        StringBuilder b = new StringBuilder(Chart.label(caption)).append(' ').append(Chart.span(weeks, labels));
        if (!any) {
            return b.append(": no values.").toString();
        }
        String sep = "; latest ";
        for (Line line : lines) {
            for (int i = weeks.size() - 1; i >= 0; i--) {
                OptionalDouble v = line.minutes().get(i);
                if (v.isPresent()) {
                    b.append(sep).append(Chart.label(line.name())).append(' ').append(figure(unit, v.getAsDouble()))
                            .append(' ').append(unit.symbol()).append(" (").append(labels.of(weeks.get(i))).append(')');
                    sep = ", ";
                    break;
                }
            }
        }
        return b.append('.').toString();
    }

    private static Table table(List<IsoWeek> weeks, List<Line> lines, Unit unit) {
        List<String> columns = new ArrayList<>();
        columns.add("Week");
        for (Line line : lines) {
            columns.add(Chart.label(line.name()) + " (" + unit.symbol() + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (Line line : lines) {
                OptionalDouble v = line.minutes().get(i);
                cells.add(v.isPresent() ? figure(unit, v.getAsDouble()) : "no value");
            }
            rows.add(new Row(Chart.rowHeading(weeks.get(i)), cells));
        }
        return new Table(columns, rows);
    }

    /**
     * A duration in minutes, written in {@code unit}: whole from ten up, one decimal below (an MTTA
     * of 40 seconds is 0.7 min, not 1; of 90 minutes on an hour chart, 1.5 h).
     */
    static String figure(Unit unit, double minutes) {
        double value = unit.of(minutes);
        return Chart.format(value, Math.abs(value) >= 10 ? 0 : 1);
    }
}
