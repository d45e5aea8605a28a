package dev.incidentkit.web.internal.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.incidentkit.web.internal.pages.Chart.Frame;
import dev.incidentkit.web.internal.pages.Chart.Point;
import dev.incidentkit.web.internal.pages.Chart.Tick;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import dev.incidentkit.web.internal.pages.Chart.XLabel;
import dev.incidentkit.web.internal.pages.LineChart.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the data, everything drawn lies in the plot, a line chart's unit suits its largest
 * value, and bars are as tall as their totals say.
 */
class ChartCoordinatesProperties {

    static final Frame F = Chart.FRAME;

    @Property(tries = 500)
    void everyPointOfALineChartLiesInThePlot(@ForAll @IntRange(min = 1, max = 60) int weeks,
            @ForAll("values") List<List<Optional<Double>>> series) {
        List<LineChart.Line> lines = new ArrayList<>();
        for (List<Optional<Double>> s : series) {
            List<OptionalDouble> minutes = new ArrayList<>();
            for (int i = 0; i < weeks; i++) {
                Optional<Double> v = i < s.size() ? s.get(i) : Optional.empty();
                minutes.add(v.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
            }
            lines.add(new LineChart.Line("s" + lines.size(), "#1f5fa8", "none", minutes));
        }
        LineChart c = LineChart.of("p", "Property", ChartGeometryTest.weeks(weeks), WeekLabels.WEEK_NUMBER, lines);
        for (LineChart.Series s : c.series()) {
            s.points().forEach(ChartCoordinatesProperties::inPlot);
            for (LineChart.Run r : s.runs()) {
                assertThat(r.points()).hasSizeGreaterThanOrEqualTo(2);
                r.points().forEach(ChartCoordinatesProperties::inPlot);
            }
        }
        ticksAndLabels(c.axis().ticks(), c.xLabels());
        assertThat(c.notice().isPresent()).isEqualTo(c.series().stream().allMatch(s -> s.points().isEmpty()));
        units(c, lines);
    }

    /**
     * The largest value is at least 3 in the chart's unit (unless minutes) and under 3 in the next;
     * the axis reaches it; every figure in the table is its value in that unit, to its rounding.
     */
    static void units(LineChart c, List<LineChart.Line> lines) {
        Unit unit = c.unit();
        double largest = lines.stream().flatMap(l -> l.minutes().stream()).filter(OptionalDouble::isPresent)
                .mapToDouble(v -> Math.abs(v.getAsDouble())).max().orElse(0);
        if (unit != Unit.MINUTES) {
            assertThat(unit.of(largest)).isGreaterThanOrEqualTo(3);
        }
        if (unit != Unit.DAYS) {
            assertThat(Unit.values()[unit.ordinal() + 1].of(largest)).isLessThan(3);
        }
        assertThat(c.axis().max()).isGreaterThanOrEqualTo(unit.of(largest) * (1 - 1e-9));
        for (int j = 0; j < lines.size(); j++) {
            assertThat(c.table().columns().get(j + 1)).endsWith(" (" + unit.symbol() + ")");
            for (int i = 0; i < c.table().rows().size(); i++) {
                OptionalDouble v = lines.get(j).minutes().get(i);
                String cell = c.table().rows().get(i).cells().get(j);
                if (v.isEmpty()) {
                    assertThat(cell).isEqualTo("no value");
                    continue;
                }
                double shown = Double.parseDouble(cell.replace(",", ""));
                double rounding = cell.contains(".") ? 0.05 : 0.5;
                assertThat(shown).as("%s for %s min", cell, v.getAsDouble())
                        .isCloseTo(unit.of(v.getAsDouble()), offset(rounding + 1e-9));
            }
        }
        Statistics.label("unit").collect(unit);
        Statistics.label("unit").coverage(cover -> {
            for (Unit u : Unit.values()) {
                cover.check(u).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 500)
    void everyBarSegmentLiesInThePlotAndStacksToItsTotal(@ForAll @IntRange(min = 1, max = 60) int weeks,
            @ForAll("counts") List<List<Long>> groups) {
        List<BarChart.Group> in = new ArrayList<>();
        for (List<Long> g : groups) {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < weeks; i++) {
                counts.add(i < g.size() ? g.get(i) : 0L);
            }
            in.add(new BarChart.Group("g" + in.size(), "#3b6e8f", counts));
        }
        BarChart c = BarChart.of("p", "Property", "", ChartGeometryTest.weeks(weeks), WeekLabels.WEEK_NUMBER, in);
        for (BarChart.Segment s : c.segments()) {
            inPlot(new Point(s.x(), s.y()));
            inPlot(new Point(s.x() + s.width(), s.y() + s.height()));
            assertThat(s.width()).isPositive();
            assertThat(s.height()).isGreaterThanOrEqualTo(0);
        }
        for (int i = 0; i < weeks; i++) {
            long total = 0;
            for (BarChart.Group g : in) {
                total += g.counts().get(i);
            }
            double expected = c.axis().y(total, F);
            double band = (F.right() - F.left()) / weeks;
            double left = F.left() + i * band;
            List<BarChart.Segment> bar = c.segments().stream()
                    .filter(s -> s.x() >= left - 0.1 && s.x() < left + band).toList();
            double top = bar.stream().mapToDouble(BarChart.Segment::y).min().orElse(F.bottom());
            assertThat(top).as("top of week %d", i).isCloseTo(expected, offset(0.051));
        }
        ticksAndLabels(c.axis().ticks(), c.xLabels());
    }

    /** Minutes up to a bound drawn once a chart, so that charts in minutes, hours and days all come up. */
    @Provide
    Arbitrary<List<List<Optional<Double>>>> values() {
        return Arbitraries.of(100.0, 4000.0, 1e7).flatMap(bound -> {
            Arbitrary<Double> minutes = Arbitraries.oneOf(
                    Arbitraries.doubles().between(0, 10),
                    Arbitraries.doubles().between(0, bound),
                    Arbitraries.just(0.0));
            return minutes.optional(0.7).list().ofMaxSize(60).list().ofMinSize(1).ofMaxSize(3);
        });
    }

    @Provide
    Arbitrary<List<List<Long>>> counts() {
        Arbitrary<Long> count = Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().between(0, 100_000));
        return count.list().ofMaxSize(60).list().ofMaxSize(7);
    }

    static void inPlot(Point p) {
        assertThat(p.x()).as("x of %s", p).isBetween(F.left(), F.right());
        assertThat(p.y()).as("y of %s", p).isBetween(F.top(), F.bottom());
    }

    static void ticksAndLabels(List<Tick> ticks, List<XLabel> labels) {
        assertThat(ticks).hasSizeBetween(2, 7);
        for (Tick t : ticks) {
            assertThat(t.y()).isBetween(F.top(), F.bottom());
        }
        for (XLabel l : labels) {
            assertThat(l.x()).isBetween(F.left(), F.right());
        }
        assertThat(labels).isNotEmpty();
    }
}
