package dev.incidentkit.web.internal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Frequency;
import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The templates print what the models hold, and nothing from data escapes its text: the output is
 * parsed (it is well-formed XML as well as HTML) and searched for what hostile names would make.
 */
class ChartRenderTest {

    static final String SCRIPT = "</svg><script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    static final String TEMPLATE = "{{7*7}}";
    static final String RTL = "pay\u202Eslien";
    static final List<String> HOSTILE = List.of(SCRIPT, IMG, TEMPLATE, RTL, "a&amp;b", "x' onmouseover='y", "quiet");

    /** Three weeks whose services are hostile names (core would refuse them; the charts must not trust that). */
    static WeeklyMetrics hostileWeeks() {
        List<WeeklyMetrics.Week> weeks = new ArrayList<>();
        List<IsoWeek> iso = ChartGeometryTest.weeks(3);
        for (int i = 0; i < 3; i++) {
            Map<String, Long> services = new LinkedHashMap<>();
            for (int s = 0; s < HOSTILE.size(); s++) {
                services.put(HOSTILE.get(s), (long) (HOSTILE.size() - s + i));
            }
            DurationStats mtta = stats(Duration.ofMinutes(4 + i));
            weeks.add(new WeeklyMetrics.Week(iso.get(i), mtta, i == 1 ? DurationStats.EMPTY : stats(Duration.ofMinutes(40)),
                    new Frequency(3, Map.of(Severity.SEV1, 1L, Severity.SEV3, 2L), services)));
        }
        return new WeeklyMetrics(ZoneOffset.UTC, weeks);
    }

    static DurationStats stats(Duration d) {
        return new DurationStats(1, d, d, d, d, d, d, 0);
    }

    @Test
    void hostileServiceNamesAreOnlyEverText() throws Exception {
        MetricsCharts charts = MetricsCharts.from(hostileWeeks(), WeekLabels.WEEK_NUMBER);
        String html = Templates.render("chart/bars.jte", charts.byService());

        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<style", "style=", "onerror=\"",
                "onmouseover='");
        assertThat(html).doesNotContain("\u202E");
        assertThat(html).contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(1 + legendSwatches(doc));
        String text = doc.getDocumentElement().getTextContent();
        // The five with most incidents (the first five), and the other two together.
        assertThat(text).contains(SCRIPT, IMG, TEMPLATE, "payslien", "a&amp;b", "Other services");
        assertThat(text).doesNotContain("quiet");
        noEventHandlersNorStyles(doc.getDocumentElement());
        labelledAndScoped(doc, "by-service");
    }

    @Test
    void hostileSeriesNamesInALineChartToo() throws Exception {
        LineChart chart = LineChart.of("hostile", SCRIPT, ChartGeometryTest.weeks(2), WeekLabels.MONDAY,
                List.of(new LineChart.Line(IMG, "#1f5fa8", "none", List.of(OptionalDouble.of(3), OptionalDouble.empty()))));
        String html = Templates.render("chart/line.jte", chart);
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img");
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("figcaption").item(0).getTextContent()).isEqualTo(SCRIPT);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(SCRIPT);
        assertThat(doc.getElementsByTagName("bdi").item(0).getTextContent()).isEqualTo(IMG);
        noEventHandlersNorStyles(doc.getDocumentElement());
        labelledAndScoped(doc, "hostile");
    }

    @Test
    void allThreeChartsRenderWhatTheirModelsHold() throws Exception {
        MetricsCharts charts = MetricsCharts.from(hostileWeeks(), WeekLabels.WEEK_NUMBER);

        Document line = parse(Templates.render("chart/line.jte", charts.mttaMttr()));
        Element svg = (Element) line.getElementsByTagName("svg").item(0);
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 640 260");
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(line.getElementsByTagName("desc").item(0).getTextContent())
                .isEqualTo("MTTA and MTTR per week from W39 to W41; latest MTTA 6.0 min (W41), MTTR 40 min (W41).");
        // MTTR has a gap in W40: two markers, no line between them.
        assertThat(line.getElementsByTagName("circle").getLength()).isEqualTo(3 + 2 + 2);
        assertThat(line.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(line.getElementsByTagName("td").item(3).getTextContent()).isEqualTo("no value");

        Document bars = parse(Templates.render("chart/bars.jte", charts.bySeverity()));
        // SEV-1 and SEV-3 in each of three weeks, one rectangle each, plus the four legend swatches.
        assertThat(bars.getElementsByTagName("rect").getLength()).isEqualTo(6 + 4);
        assertThat(bars.getElementsByTagName("tr").getLength()).isEqualTo(1 + 3);
        labelledAndScoped(bars, "by-severity");
    }

    @Test
    void theUnitChosenIsTheOneWrittenEverywhere() throws Exception {
        List<IsoWeek> iso = ChartGeometryTest.weeks(2);
        WeeklyMetrics slow = new WeeklyMetrics(ZoneOffset.UTC, List.of(
                new WeeklyMetrics.Week(iso.get(0), stats(Duration.ofHours(2)), stats(Duration.ofDays(4)),
                        new Frequency(1, Map.of(Severity.SEV2, 1L), Map.of())),
                new WeeklyMetrics.Week(iso.get(1), stats(Duration.ofMinutes(20)), stats(Duration.ofHours(36)),
                        new Frequency(1, Map.of(Severity.SEV2, 1L), Map.of()))));
        Document doc = parse(Templates.render("chart/line.jte", MetricsCharts.from(slow, WeekLabels.WEEK_NUMBER).mttaMttr()));

        NodeList texts = doc.getElementsByTagName("text");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            written.add(texts.item(i).getTextContent());
        }
        // Four days: ticks of one day, and the unit over them.
        assertThat(written).containsSubsequence("0", "1", "2", "3", "4", "d", "W40", "W41");
        assertThat(doc.getElementsByTagName("desc").item(0).getTextContent())
                .isEqualTo("MTTA and MTTR per week from W40 to W41; latest MTTA 0.0 d (W41), MTTR 1.5 d (W41).");
        NodeList th = doc.getElementsByTagName("th");
        assertThat(th.item(1).getTextContent()).isEqualTo("MTTA (d)");
        assertThat(th.item(2).getTextContent()).isEqualTo("MTTR (d)");
        NodeList td = doc.getElementsByTagName("td");
        assertThat(td.item(0).getTextContent()).isEqualTo("0.1");
        assertThat(td.item(1).getTextContent()).isEqualTo("4.0");
    }

    @Test
    void anEmptyChartSaysSo() throws Exception {
        WeeklyMetrics none = new WeeklyMetrics(ZoneOffset.UTC, ChartGeometryTest.weeks(4).stream()
                .map(w -> new WeeklyMetrics.Week(w, DurationStats.EMPTY, DurationStats.EMPTY,
                        new Frequency(0, Map.of(), Map.of()))).toList());
        MetricsCharts charts = MetricsCharts.from(none, WeekLabels.WEEK_NUMBER);
        for (String html : List.of(Templates.render("chart/line.jte", charts.mttaMttr()),
                Templates.render("chart/bars.jte", charts.bySeverity()),
                Templates.render("chart/bars.jte", charts.byService()))) {
            Document doc = parse(html);
            NodeList texts = doc.getElementsByTagName("text");
            assertThat(texts.item(texts.getLength() - 1).getTextContent()).isEqualTo("No incidents in these weeks");
        }
    }

    static int legendSwatches(Document doc) {
        int n = 0;
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            if ("true".equals(((Element) svgs.item(i)).getAttribute("aria-hidden"))) {
                n++;
            }
        }
        return n;
    }

    static void noEventHandlersNorStyles(Element e) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName().toLowerCase(Locale.ROOT);
            assertThat(name).as("attribute on <%s>", e.getTagName()).doesNotStartWith("on").isNotEqualTo("style");
        }
        assertThat(e.getTagName()).isNotIn("style", "script", "img", "foreignObject");
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                noEventHandlersNorStyles(child);
            }
        }
    }

    /** The SVG names its title and description by ids that exist; every table heading has a scope. */
    static void labelledAndScoped(Document doc, String id) {
        Element svg = (Element) doc.getElementsByTagName("svg").item(0);
        assertThat(svg.getAttribute("aria-labelledby")).isEqualTo(id + "-title " + id + "-desc");
        assertThat(byId(doc, id + "-title").getTagName()).isEqualTo("title");
        assertThat(byId(doc, id + "-desc").getTagName()).isEqualTo("desc");
        NodeList th = doc.getElementsByTagName("th");
        assertThat(th.getLength()).isPositive();
        for (int i = 0; i < th.getLength(); i++) {
            assertThat(((Element) th.item(i)).getAttribute("scope")).isIn("col", "row");
        }
    }

    static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        Element found = null;
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                assertThat(found).as("id %s is unique", id).isNull();
                found = e;
            }
        }
        assertThat(found).as("element with id %s", id).isNotNull();
        return found;
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.strip().getBytes(StandardCharsets.UTF_8)));
    }
}
