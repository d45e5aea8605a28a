package dev.incidentkit.web.internal.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.web.internal.pages.Chart.Axis;
import dev.incidentkit.web.internal.pages.Chart.Frame;
import dev.incidentkit.web.internal.pages.Chart.Point;
import dev.incidentkit.web.internal.pages.Chart.Tick;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import dev.incidentkit.web.internal.pages.Chart.XLabel;
import dev.incidentkit.web.internal.pages.LineChart.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChartGeometryTest {

    static final Frame F = Chart.FRAME;

    /** {@code n} weeks ending with 2025-W41. */
    static List<IsoWeek> weeks(int n) {
        return IntStream.range(0, n).mapToObj(i -> IsoWeek.of(new IsoWeek(2025, 41).monday().minusWeeks(n - 1 - i)))
                .toList();
    }

    static OptionalDouble v(double d) {
        return OptionalDouble.of(d);
    }

    static final OptionalDouble GAP = OptionalDouble.empty();

    static LineChart line(OptionalDouble... values) {
        return LineChart.of("t", "MTTR per week", weeks(values.length), WeekLabels.WEEK_NUMBER,
                List.of(new LineChart.Line("MTTR", "#6b3fa0", "none", List.of(values))));
    }

    static BarChart bars(List<BarChart.Group> groups, int n) {
        return BarChart.of("b", "Volume by severity per week", "", weeks(n), WeekLabels.WEEK_NUMBER, groups);
    }

    @Nested
    @DisplayName("the y axis")
    class Ticks {

        @Test
        void stepsOfOneTwoOrFiveTimesAPowerOfTen() {
            assertThat(labels(Axis.nice(0, 42, false, F))).containsExactly("0", "10", "20", "30", "40", "50");
            assertThat(labels(Axis.nice(0, 7, true, F))).containsExactly("0", "2", "4", "6", "8");
            assertThat(labels(Axis.nice(0, 1500, false, F))).containsExactly("0", "500", "1,000", "1,500");
            assertThat(labels(Axis.nice(0, 0.3, false, F))).containsExactly("0.0", "0.1", "0.2", "0.3");
            assertThat(labels(Axis.nice(0, 100, false, F))).containsExactly("0", "20", "40", "60", "80", "100");
        }

        @Test
        void countsNeverStepByLessThanOne() {
            Axis axis = Axis.nice(0, 1, true, F);
            assertThat(axis.step()).isEqualTo(1);
            assertThat(labels(axis)).containsExactly("0", "1");
        }

        @Test
        void allZeroStillHasAnAxis() {
            assertThat(labels(Axis.nice(0, 0, true, F))).containsExactly("0", "1", "2", "3", "4", "5");
            assertThat(labels(Axis.nice(0, 0, false, F))).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        }

        @Test
        void negativeValuesGoBelowTheZeroLine() {
            Axis axis = Axis.nice(-3, 12, false, F);
            assertThat(axis.min()).isEqualTo(-5);
            assertThat(axis.max()).isEqualTo(15);
            assertThat(axis.zero()).isStrictlyBetween(F.top(), F.bottom());
        }

        @Test
        void ticksSpanThePlotBottomToTop() {
            List<Tick> ticks = Axis.nice(0, 42, false, F).ticks();
            assertThat(ticks.get(0).y()).isEqualTo(F.bottom());
            assertThat(ticks.get(ticks.size() - 1).y()).isEqualTo(F.top());
        }
    }

    @Nested
    @DisplayName("the line chart")
    class Lines {

        @Test
        void scalesValuesIntoThePlot() {
            LineChart c = line(v(25), v(50));
            List<Point> points = c.series().get(0).points();
            assertThat(points).extracting(Point::y).containsExactly(126.0, F.top());
            double band = (F.right() - F.left()) / 2;
            assertThat(points).extracting(Point::x)
                    .containsExactly(Chart.round(F.left() + band / 2), Chart.round(F.left() + 1.5 * band));
            assertThat(c.series().get(0).runs()).singleElement()
                    .extracting(LineChart.Run::svgPoints).isEqualTo("196.0,126.0 484.0,24.0");
        }

        @Test
        void aWeekWithoutValueIsAGapNotZero() {
            LineChart c = line(v(10), GAP, v(30), v(40));
            LineChart.Series s = c.series().get(0);
            assertThat(s.points()).hasSize(3);
            assertThat(s.points()).extracting(Point::y).doesNotContain(F.bottom());
            // The first point stands alone, between the chart's edge and the gap: a marker, no line.
            assertThat(s.runs()).singleElement().satisfies(r -> assertThat(r.points()).hasSize(2));
            assertThat(c.table().rows().get(1).cells()).containsExactly("no value");
            assertThat(c.notice()).isEmpty();
        }

        @Test
        void aZeroIsDrawnOnTheZeroLine() {
            LineChart c = line(v(0), v(0), v(0));
            assertThat(c.series().get(0).points()).extracting(Point::y).containsOnly(F.bottom());
            assertThat(c.notice()).isEmpty();
            assertThat(c.table().rows().get(0).cells()).containsExactly("0.0");
        }

        @Test
        void onePointIsAMarkerInTheMiddle() {
            LineChart c = line(v(42));
            assertThat(c.series().get(0).runs()).isEmpty();
            assertThat(c.series().get(0).points()).containsExactly(new Point(340, 56.6)); // 42 of 0..50
            assertThat(c.xLabels()).containsExactly(new XLabel(340, "W41"));
            assertThat(c.description()).isEqualTo("MTTR per week in W41; latest MTTR 42 min (W41).");
        }

        @Test
        void noValueAtAllSaysSo() {
            LineChart c = line(GAP, GAP, GAP);
            assertThat(c.notice()).hasValue("No incidents in these weeks");
            assertThat(c.series().get(0).points()).isEmpty();
            assertThat(c.description()).isEqualTo("MTTR per week from W39 to W41: no values.");
            assertThat(c.axis().ticks()).isNotEmpty();
        }

        @Test
        void theDescriptionNamesEachSeriesLatestValue() {
            LineChart c = LineChart.of("t", "MTTA and MTTR per week", weeks(3), WeekLabels.WEEK_NUMBER, List.of(
                    new LineChart.Line("MTTA", "#1f5fa8", "6 3", List.of(v(3), v(4.25), GAP)),
                    new LineChart.Line("MTTR", "#6b3fa0", "none", List.of(v(30), v(40), v(42.4)))));
            assertThat(c.description())
                    .isEqualTo("MTTA and MTTR per week from W39 to W41; latest MTTA 4.3 min (W40), MTTR 42 min (W41).");
            assertThat(c.table().columns()).containsExactly("Week", "MTTA (min)", "MTTR (min)");
            assertThat(c.table().rows().get(2).heading()).isEqualTo("2025-W41 (Oct 6)");
            assertThat(c.table().rows().get(2).cells()).containsExactly("no value", "42");
        }

        @Test
        void minutesUntilThreeHours() {
            LineChart c = line(v(179.4));
            assertThat(c.unit()).isEqualTo(Unit.MINUTES);
            assertThat(c.unit().symbol()).isEqualTo("min");
            assertThat(c.table().columns()).containsExactly("Week", "MTTR (min)");
            assertThat(c.table().rows().get(0).cells()).containsExactly("179");
            assertThat(line(v(180)).unit()).isEqualTo(Unit.HOURS);
        }

        @Test
        void hourSizedValuesAreShownInHours() {
            LineChart c = line(v(150), GAP, v(600)); // 2.5 h and 10 h
            assertThat(c.unit()).isEqualTo(Unit.HOURS);
            assertThat(c.unit().symbol()).isEqualTo("h");
            assertThat(labels(c.axis())).containsExactly("0", "2", "4", "6", "8", "10");
            assertThat(c.series().get(0).points()).extracting(Point::y).containsExactly(177.0, F.top());
            assertThat(c.table().columns()).containsExactly("Week", "MTTR (h)");
            assertThat(c.table().rows()).extracting(Chart.Row::cells)
                    .containsExactly(List.of("2.5"), List.of("no value"), List.of("10"));
            assertThat(c.description()).isEqualTo("MTTR per week from W39 to W41; latest MTTR 10 h (W41).");
        }

        @Test
        void daySizedValuesAreShownInDays() {
            LineChart c = line(v(3 * 1440), v(12 * 1440));
            assertThat(c.unit()).isEqualTo(Unit.DAYS);
            assertThat(c.unit().symbol()).isEqualTo("d");
            assertThat(labels(c.axis())).containsExactly("0", "5", "10", "15");
            assertThat(c.table().columns()).containsExactly("Week", "MTTR (d)");
            assertThat(c.table().rows()).extracting(Chart.Row::cells).containsExactly(List.of("3.0"), List.of("12"));
            assertThat(c.description()).isEqualTo("MTTR per week from W40 to W41; latest MTTR 12 d (W41).");
            // A minute short of three days is still hours.
            LineChart almost = line(v(3 * 1440 - 1));
            assertThat(almost.unit()).isEqualTo(Unit.HOURS);
            assertThat(almost.table().rows().get(0).cells()).containsExactly("72");
        }

        @Test
        void theLargestValueOfAnyLineSetsTheUnitOfAll() {
            LineChart c = LineChart.of("t", "MTTA and MTTR per week", weeks(2), WeekLabels.WEEK_NUMBER, List.of(
                    new LineChart.Line("MTTA", "#1f5fa8", "6 3", List.of(v(5), v(40))),
                    new LineChart.Line("MTTR", "#6b3fa0", "none", List.of(v(300), v(45 * 60)))));
            assertThat(c.unit()).isEqualTo(Unit.HOURS);
            assertThat(c.table().columns()).containsExactly("Week", "MTTA (h)", "MTTR (h)");
            assertThat(c.table().rows().get(0).cells()).containsExactly("0.1", "5.0");
            assertThat(c.description())
                    .isEqualTo("MTTA and MTTR per week from W40 to W41; latest MTTA 0.7 h (W41), MTTR 45 h (W41).");
        }

        @Test
        void refusesWhatItCannotDraw() {
            assertThatThrownBy(() -> line(v(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> line()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LineChart.of("Bad id", "c", weeks(1), WeekLabels.WEEK_NUMBER, List.of()))
                    .hasMessageContaining("Bad id");
            assertThatThrownBy(() -> LineChart.of("t", "c", weeks(2), WeekLabels.WEEK_NUMBER,
                    List.of(new LineChart.Line("x", "#000000", "none", List.of(v(1))))))
                    .hasMessageContaining("1 values for 2 weeks");
            assertThatThrownBy(() -> LineChart.of("t", "c", weeks(1), WeekLabels.WEEK_NUMBER,
                    List.of(new LineChart.Line("x", "red\" onload=\"x", "none", List.of(v(1))))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("the stacked bar chart")
    class Bars {

        @Test
        void segmentsStackWithoutGapsAndReachTheTotal() {
            BarChart c = bars(List.of(new BarChart.Group("SEV-1", "#b3261e", List.of(1L, 0L)),
                    new BarChart.Group("SEV-2", "#c4540a", List.of(2L, 5L)),
                    new BarChart.Group("SEV-3", "#8a6d00", List.of(2L, 0L))), 2);
            assertThat(c.axis().max()).isEqualTo(5);
            List<BarChart.Segment> s = c.segments();
            assertThat(s).hasSize(4);
            // Week 1: 1 + 2 + 2 = 5 fills the plot, from the bottom up; each edge is the next one's.
            assertThat(s.get(0).y() + s.get(0).height()).isEqualTo(F.bottom());
            assertThat(s.get(1).y() + s.get(1).height()).isEqualTo(s.get(0).y());
            assertThat(s.get(2).y() + s.get(2).height()).isEqualTo(s.get(1).y());
            assertThat(s.get(2).y()).isEqualTo(F.top());
            // Week 2: SEV-1 and SEV-3 have nothing, so only SEV-2 is drawn.
            assertThat(s.get(3).colour()).isEqualTo("#c4540a");
            assertThat(s.get(3).tooltip()).isEqualTo("W41, SEV-2: 5");
            assertThat(s.get(3).height()).isEqualTo(F.bottom() - F.top());
            assertThat(s.get(0).width()).isEqualTo(Chart.round((F.right() - F.left()) / 2 * 0.6));
            assertThat(c.table().columns()).containsExactly("Week", "SEV-1", "SEV-2", "SEV-3", "Total");
            assertThat(c.table().rows().get(0).cells()).containsExactly("1", "2", "2", "5");
            assertThat(c.description()).isEqualTo("Volume by severity per week from W40 to W41: 10 in all, 5 in W41.");
        }

        @Test
        void noIncidentSaysSoInsteadOfDrawingNothing() {
            BarChart c = bars(List.of(new BarChart.Group("SEV-1", "#b3261e", List.of(0L, 0L, 0L))), 3);
            assertThat(c.segments()).isEmpty();
            assertThat(c.notice()).hasValue("No incidents in these weeks");
            assertThat(c.legend()).hasSize(1);

            BarChart none = bars(List.of(), 3);
            assertThat(none.notice()).hasValue("No incidents in these weeks");
            assertThat(none.table().columns()).containsExactly("Week", "Total");
        }

        @Test
        void refusesNegativeCounts() {
            assertThatThrownBy(() -> bars(List.of(new BarChart.Group("x", "#000000", List.of(-1L))), 1))
                    .hasMessageContaining("negative");
        }
    }

    @Nested
    @DisplayName("the week labels")
    class WeekNames {

        @Test
        void weekNumbersOrMondays() {
            IsoWeek w = new IsoWeek(2025, 34);
            assertThat(WeekLabels.WEEK_NUMBER.of(w)).isEqualTo("W34");
            assertThat(WeekLabels.MONDAY.of(w)).isEqualTo("Aug 18");
            assertThat(WeekLabels.WEEK_NUMBER.of(new IsoWeek(2026, 1))).isEqualTo("W01");
        }

        @Test
        void manyWeeksAreThinnedButTheLatestIsAlwaysNamed() {
            List<XLabel> twelve = Chart.xLabels(weeks(12), WeekLabels.WEEK_NUMBER, F);
            assertThat(twelve).hasSize(12);
            List<XLabel> year = Chart.xLabels(weeks(52), WeekLabels.MONDAY, F);
            assertThat(year.size()).isLessThan(52);
            assertThat(year.get(year.size() - 1).label()).isEqualTo("Oct 6");
            for (int i = 1; i < year.size(); i++) {
                assertThat(year.get(i).x() - year.get(i - 1).x()).isGreaterThanOrEqualTo(46);
            }
        }
    }

    @Nested
    @DisplayName("the colours")
    class Colours {

        @Test
        void everyColourStandsOutOnWhite() {
            List<String> all = new ArrayList<>(MetricsCharts.SERVICES);
            all.addAll(MetricsCharts.SEVERITY.values());
            all.add(MetricsCharts.MTTA);
            all.add(MetricsCharts.MTTR);
            for (String colour : all) {
                assertThat(contrastOnWhite(colour)).as(colour).isGreaterThanOrEqualTo(3.0);
            }
            assertThat(MetricsCharts.SERVICES).hasSize(6).doesNotHaveDuplicates();
        }

        /** WCAG 2's contrast ratio against #ffffff. */
        static double contrastOnWhite(String hex) {
            double l = 0;
            double[] weights = {0.2126, 0.7152, 0.0722};
            for (int i = 0; i < 3; i++) {
                double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
                c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
                l += weights[i] * c;
            }
            return 1.05 / (l + 0.05);
        }
    }

    @Test
    void labelsLoseInvisibleCharacters() {
        assertThat(Chart.label("pay\u202Ements\u0000")).isEqualTo("payments");
        assertThat(Chart.label("\u2066a\u2069 b")).isEqualTo("a b");
    }

    static List<String> labels(Axis axis) {
        return axis.ticks().stream().map(Tick::label).toList();
    }
}
