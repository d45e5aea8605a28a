package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.metrics.IsoWeek;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the dashboard's weekly charts share: the frame they are drawn in, the y axis and its ticks,
 * the week labels on the x axis, the legend and the data table. Every coordinate is computed here,
 * in the frame's fixed view box, and rounded to one decimal: the templates only print them, and
 * the SVG scales with the width CSS gives it.
 *
 * <p>Texts that come from data (service names) are kept as text: the templates print them through
 * jte's escaping. {@link #label(String)} also drops the invisible characters (bidirectional
 * overrides, controls) that escaping leaves alone but that could make a label read as another.
 */
public final class Chart {

    /** The view box every chart is drawn in. */
    public static final Frame FRAME = new Frame(640, 260, 52, 24, 628, 228);

    /** Chart ids become element ids and ARIA references: fixed words, never data. */
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private static final DateTimeFormatter MONDAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private Chart() {}

    /**
     * The drawing's size and its plot area, where data goes; axis labels sit in the margins.
     *
     * @param width the view box width
     * @param height the view box height
     * @param left the plot's left edge (the y axis)
     * @param top the plot's top edge
     * @param right the plot's right edge
     * @param bottom the plot's bottom edge
     */
    public record Frame(int width, int height, double left, double top, double right, double bottom) {

        /** @return the SVG {@code viewBox} value */
        public String viewBox() {
            return "0 0 " + width + " " + height;
        }

        /** @return the y of the x-axis labels */
        public double xLabelY() {
            return bottom + 18;
        }

        /** @return where the y axis's unit is written, above the tick labels */
        public double unitY() {
            return top - 10;
        }

        /** @return the x of the y-axis tick labels, right-aligned */
        public double tickLabelX() {
            return left - 6;
        }

        /** @return the centre of the plot, where a notice is written when there is no data */
        public double centreX() {
            return round((left + right) / 2);
        }

        /** @return the middle height of the plot */
        public double centreY() {
            return round((top + bottom) / 2);
        }

        /**
         * @param n how many weeks share the plot's width
         * @return the width of one week's band
         */
        double band(int n) {
            return (right - left) / n;
        }

        /**
         * @param i a week's index, from 0
         * @param n how many weeks
         * @return the x of the centre of its band, unrounded
         */
        double centre(int i, int n) {
            return left + (i + 0.5) * band(n);
        }
    }

    /**
     * A y axis from {@code min} to {@code max} in steps of 1, 2 or 5 times a power of ten.
     *
     * @param min the value at the plot's bottom
     * @param max the value at the plot's top, above {@code min}
     * @param step the distance between two ticks
     * @param zero the y of the zero line, which every axis holds
     * @param ticks the ticks from bottom to top, {@code min} and {@code max} included
     */
    public record Axis(double min, double max, double step, double zero, List<Tick> ticks) {

        /** Checks the range and copies the ticks. */
        public Axis {
            if (!(max > min) || !(step > 0)) {
                throw new IllegalArgumentException("an axis needs max above min and a positive step: "
                        + min + ", " + max + ", " + step);
            }
            ticks = List.copyOf(ticks);
        }

        /**
         * The axis for values from {@code low} to {@code high}, always holding zero, with at most
         * six intervals.
         *
         * @param low the smallest value, finite
         * @param high the largest value, finite
         * @param whole whether the values are counts, whose ticks must be whole numbers
         * @param frame where it is drawn
         * @return the axis
         * @throws IllegalArgumentException if a bound is not finite
         */
        static Axis nice(double low, double high, boolean whole, Frame frame) {
            finite(low);
            finite(high);
            double lo = Math.min(0, low);
            double hi = Math.max(0, high);
            if (hi == lo) {
                hi = whole ? 5 : 1;
            }
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = 10 * magnitude;
            for (int f : new int[] {1, 2, 5}) {
                if (f * magnitude >= raw * (1 - 1e-9)) {
                    step = f * magnitude;
                    break;
                }
            }
            if (whole) {
                step = Math.max(1, step);
            }
            // A tolerance, so that 3.0000000001 steps (float error) does not add a whole step.
            long first = (long) Math.floor(lo / step + 1e-9);
            long last = (long) Math.ceil(hi / step - 1e-9);
            double min = first * step;
            double max = last * step;
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            List<Tick> ticks = new ArrayList<>();
            for (long k = first; k <= last; k++) {
                double y = round(scale(k * step, min, max, frame));
                ticks.add(new Tick(y, round(y + 4), format(k * step, decimals)));
            }
            return new Axis(min, max, step, round(scale(0, min, max, frame)), ticks);
        }

        /**
         * @param value a value between {@link #min()} and {@link #max()}
         * @param frame the frame the axis is drawn in
         * @return its y in the frame, rounded
         */
        double y(double value, Frame frame) {
            return round(scale(value, min, max, frame));
        }

        private static double scale(double value, double min, double max, Frame frame) {
            double y = frame.bottom() - (value - min) / (max - min) * (frame.bottom() - frame.top());
            return Math.max(frame.top(), Math.min(frame.bottom(), y));
        }
    }

    /**
     * One y-axis tick: a grid line and its label.
     *
     * @param y the grid line's y
     * @param labelY the baseline of its label
     * @param label the value, such as {@code 1,500} or {@code 0.5}
     */
    public record Tick(double y, double labelY, String label) {}

    /**
     * A week's label under the x axis, centred on its band.
     *
     * @param x the label's centre
     * @param label such as {@code W34} or {@code Aug 18}
     */
    public record XLabel(double x, String label) {}

    /**
     * A point in the frame.
     *
     * @param x its x
     * @param y its y
     */
    public record Point(double x, double y) {}

    /**
     * One entry of a legend, drawn as a swatch and a name.
     *
     * @param label the series' name
     * @param colour its colour, {@code #rrggbb}
     * @param dash its line's {@code stroke-dasharray}, {@code none} for a solid line
     */
    public record Key(String label, String colour, String dash) {}

    /**
     * The chart's figures as a table, for those who cannot see the drawing.
     *
     * @param columns the column headings; the first heads the row headings
     * @param rows the rows, one a week
     */
    public record Table(List<String> columns, List<Row> rows) {

        /** Copies the lists. */
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * One row of a {@link Table}.
     *
     * @param heading the week, such as {@code 2025-W34 (Aug 18)}
     * @param cells the figures, one a column after the first
     */
    public record Row(String heading, List<String> cells) {

        /** Copies the cells. */
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** How weeks are named under the x axis. */
    public enum WeekLabels {
        /** The ISO week number, such as {@code W34}. */
        WEEK_NUMBER,
        /** The date of the week's Monday, such as {@code Aug 18}. */
        MONDAY;

        /**
         * @param week a week
         * @return its label
         */
        public String of(IsoWeek week) {
            return switch (this) {
                case WEEK_NUMBER -> String.format(Locale.ROOT, "W%02d", week.week());
                case MONDAY -> week.monday().format(Chart.MONDAY);
            };
        }

        /** The space a label needs so that neighbours do not touch. */
        double room() {
            return switch (this) {
                case WEEK_NUMBER -> 34;
                case MONDAY -> 46;
            };
        }
    }

    /**
     * Labels for the weeks under the x axis: every week when there is room, otherwise every k-th,
     * counted back from the latest so that the latest is always named.
     */
    static List<XLabel> xLabels(List<IsoWeek> weeks, WeekLabels labels, Frame frame) {
        int n = weeks.size();
        int every = Math.max(1, (int) Math.ceil(labels.room() / frame.band(n)));
        List<XLabel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((n - 1 - i) % every == 0) {
                out.add(new XLabel(round(frame.centre(i, n)), labels.of(weeks.get(i))));
            }
        }
        return out;
    }

    /** @return the row heading of a week: {@code 2025-W34 (Aug 18)}, never ambiguous across years */
    static String rowHeading(IsoWeek week) {
        return week + " (" + WeekLabels.MONDAY.of(week) + ")";
    }

    /** @return "from W30 to W41", or "in W41" for one week */
    static String span(List<IsoWeek> weeks, WeekLabels labels) {
        String first = labels.of(weeks.get(0));
        String last = labels.of(weeks.get(weeks.size() - 1));
        return weeks.size() == 1 ? "in " + last : "from " + first + " to " + last;
    }

    /**
     * Checks a chart id.
     *
     * @throws IllegalArgumentException unless it is a lower-case word of letters, digits and dashes
     */
    static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a chart id must match " + ID + ": " + id);
        }
        return id;
    }

    /**
     * Checks a colour.
     *
     * @throws IllegalArgumentException unless it is {@code #rrggbb}
     */
    static String colour(String colour) {
        if (!colour.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("a colour must be #rrggbb in lower case: " + colour);
        }
        return colour;
    }

    /**
     * A label from data, without the characters escaping leaves in but a reader cannot see:
     * controls and bidirectional overrides or isolates (U+202E would turn the rest of the label,
     * and the text after it, around).
     */
    static String label(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(c -> !invisible(c)).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    private static boolean invisible(int c) {
        return Character.isISOControl(c)
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    /** @return the value rounded to one decimal, never {@code -0.0} */
    static double round(double value) {
        double r = Math.round(value * 10) / 10.0;
        return r == 0 ? 0.0 : r;
    }

    /** @return such as {@code 1,500}, {@code 42} or {@code 0.5} */
    static String format(double value, int decimals) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%,." + decimals + "f", d);
    }

    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a chart value must be finite: " + value);
        }
        return value;
    }

    static <T> List<T> nonEmpty(String what, List<T> list) {
        Objects.requireNonNull(list, what);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return list;
    }
}
