package dev.incidentkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The words of a status page: {@link PublicStatus} and {@link ComponentStatus}, parsed and compared. */
class PublicStatusTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "investigating   | INVESTIGATING",
        "Identified      | IDENTIFIED",
        "MONITORING      | MONITORING",
        "'  resolved\t'  | RESOLVED",
        "mOnItOrInG      | MONITORING",
    })
    void aPublicStatusParsesInAnyCase(String text, PublicStatus expected) {
        assertThat(PublicStatus.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(PublicStatus.class)
    void aPublicStatusParsesFromItsWireNameAndItsLabel(PublicStatus status) {
        assertThat(PublicStatus.parse(status.wireName())).isEqualTo(status);
        assertThat(PublicStatus.parse(status.label())).isEqualTo(status);
        assertThat(status.wireName()).matches("[a-z]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "fixed", "monitor", "monitoring!", "in-vestigating", "re solved", "operational", "1"})
    void anythingElseIsRefusedNamingStatus(String text) {
        assertThatThrownBy(() -> PublicStatus.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("status");
                    assertThat(e.getMessage()).contains("investigating, identified, monitoring, resolved");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "operational            | OPERATIONAL",
        "Operational            | OPERATIONAL",
        "degraded_performance   | DEGRADED_PERFORMANCE",
        "degraded-performance   | DEGRADED_PERFORMANCE",
        "Degraded performance   | DEGRADED_PERFORMANCE",
        "PARTIAL_OUTAGE         | PARTIAL_OUTAGE",
        "Partial-Outage         | PARTIAL_OUTAGE",
        "'  major outage '      | MAJOR_OUTAGE",
        "mAjOr_OuTaGe           | MAJOR_OUTAGE",
    })
    void aComponentStatusParsesInAnyCaseWithUnderscoreDashOrSpace(String text, ComponentStatus expected) {
        assertThat(ComponentStatus.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ComponentStatus.class)
    void aComponentStatusParsesFromItsWireNameAndItsLabel(ComponentStatus status) {
        assertThat(ComponentStatus.parse(status.wireName())).isEqualTo(status);
        assertThat(ComponentStatus.parse(status.label())).isEqualTo(status);
        assertThat(status.wireName()).matches("[a-z]+(_[a-z]+)*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "down", "outage", "major", "partial  outage", "partial__outage", "partial.outage",
            "majoroutage", "degraded", "investigating", "_operational"})
    void anythingElseIsRefusedNamingImpact(String text) {
        assertThatThrownBy(() -> ComponentStatus.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("impact");
                    assertThat(e.getMessage()).contains("operational, degraded_performance, partial_outage, major_outage");
                });
    }

    @Example
    void theComponentStatusesGoFromLeastToMostSevere() {
        assertThat(ComponentStatus.OPERATIONAL.worst(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(ComponentStatus.MAJOR_OUTAGE.worst(ComponentStatus.OPERATIONAL)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(ComponentStatus.DEGRADED_PERFORMANCE.worst(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(ComponentStatus.PARTIAL_OUTAGE.worst(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(Arrays.stream(ComponentStatus.values()).reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst))
                .isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    /** The worst of several statuses is the most severe, whatever the order they come in. */
    @Property
    void worstIsTheMostSevereOfTheTwo(@ForAll ComponentStatus a, @ForAll ComponentStatus b, @ForAll ComponentStatus c) {
        assertThat(a.worst(b)).isEqualTo(b.worst(a));
        assertThat(a.worst(b).worst(c)).isEqualTo(a.worst(b.worst(c)));
        assertThat(a.worst(a)).isEqualTo(a);
        assertThat(a.worst(ComponentStatus.OPERATIONAL)).isEqualTo(a);
        assertThat(a.worst(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(a.worst(b)).isEqualTo(Comparator.<ComponentStatus>naturalOrder().compare(a, b) >= 0 ? a : b);
    }
}
