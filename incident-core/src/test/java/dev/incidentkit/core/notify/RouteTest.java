package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {

    @Nested
    @DisplayName("type globs")
    class Types {

        @ParameterizedTest
        @CsvSource({
            "*, incident.declared, true",
            "incident.*, incident.declared, true",
            "incident.*, incident., true",
            "incident.*, incidents.declared, false",
            "incident.resolved, incident.resolved, true",
            "incident.resolved, incident.resolved2, false",
            "incident.res*, incident.resolved, true",
            "incident.res*, incident.reopened, false",
            "*.sla_*, incident.sla_breached, true",
            "*d, incident.declared, true",
            "*d, incident.declare, false",
            "a*b*c, abc, true",
            "a*b*c, axxbyyc, true",
            "a*b*c, axxbyy, false",
            "**, '', true",
        })
        void aStarStandsForAnyRunOfCharacters(String glob, String type, boolean matches) {
            assertThat(Route.all().withTypes(glob).matchesType(type)).isEqualTo(matches);
        }

        @Test
        void anEventMatchesWhenOneOfSeveralGlobsDoes() {
            Route r = Route.all().withTypes(EventTypes.DECLARED, "incident.resolv*");
            assertThat(r.matchesType(EventTypes.DECLARED)).isTrue();
            assertThat(r.matchesType(EventTypes.RESOLVED)).isTrue();
            assertThat(r.matchesType(EventTypes.NOTE_ADDED)).isFalse();
        }

        @Test
        void rejectsNoGlobAndMalformedOnes() {
            assertThatThrownBy(() -> Route.all().withTypes()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one");
            assertThatThrownBy(() -> Route.all().withTypes("incident.[a-z]")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("incident.[a-z]");
            assertThatThrownBy(() -> Route.all().withTypes("")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("severity")
    class Severities {

        @Test
        void aMinimumRoutesThatLevelAndEveryWorseOne() {
            Route r = Route.all().withMinimumSeverity(Severity.SEV2);
            assertThat(r.matchesSeverity(Severity.SEV1)).isTrue();
            assertThat(r.matchesSeverity(Severity.SEV2)).isTrue();
            assertThat(r.matchesSeverity(Severity.SEV3)).isFalse();
            assertThat(r.matchesSeverity(Severity.SEV4)).isFalse();
            assertThat(r.withAnySeverity().matchesSeverity(Severity.SEV4)).isTrue();
        }
    }

    @Nested
    @DisplayName("services")
    class Services {

        @Test
        void anIncidentMatchesByItsPrimaryOrACorrelatedService() {
            Route r = Route.all().withServices("payments", "search");
            assertThat(r.matchesServices(List.of("payments"))).isTrue();
            assertThat(r.matchesServices(List.of("checkout", "search"))).isTrue();
            assertThat(r.matchesServices(List.of("checkout"))).isFalse();
            assertThat(r.withAnyService().matchesServices(List.of("checkout"))).isTrue();
        }

        @Test
        void rejectsWhatIsNotAServiceName() {
            assertThatThrownBy(() -> Route.all().withServices("Payments")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Payments");
        }
    }

    // jqwik properties live at the top level: jqwik does not run them inside JUnit @Nested classes.

    @Property
    void aTypeGlobWithoutStarsMatchesOnlyItself(@ForAll @StringLength(min = 1, max = 30) @AlphaChars @Chars({'.', '_', '-'}) String glob,
            @ForAll @StringLength(max = 30) @AlphaChars @Chars({'.', '_', '-'}) String type) {
        assertThat(Route.globMatches(glob, type)).isEqualTo(glob.equals(type));
    }

    @Property
    void aTypePrefixFollowedByAStarMatchesEveryExtension(@ForAll @StringLength(min = 1, max = 20) @AlphaChars String prefix,
            @ForAll @StringLength(max = 20) @AlphaChars @Chars({'.', '*'}) String rest) {
        assertThat(Route.globMatches(prefix + "*", prefix + rest)).isTrue();
    }

    @Test
    void allThreeMustMatch() {
        Route r = Route.all().withTypes("incident.*").withMinimumSeverity(Severity.SEV2).withServices("checkout");
        assertThat(r.matches(EventTypes.DECLARED, Severity.SEV1, List.of("checkout"))).isTrue();
        assertThat(r.matches("other.declared", Severity.SEV1, List.of("checkout"))).isFalse();
        assertThat(r.matches(EventTypes.DECLARED, Severity.SEV3, List.of("checkout"))).isFalse();
        assertThat(r.matches(EventTypes.DECLARED, Severity.SEV1, List.of("search"))).isFalse();
    }

    @Test
    void allRoutesEverything() {
        assertThat(Route.all()).isEqualTo(new Route(List.of("*"), Optional.empty(), Set.of()));
        for (String type : EventTypes.ALL) {
            assertThat(Route.all().matches(type, Severity.SEV4, List.of("anything"))).isTrue();
        }
    }

    @Test
    void withersLeaveTheOriginalAlone() {
        Route all = Route.all();
        Route narrow = all.withTypes("incident.declared").withMinimumSeverity(Severity.SEV1).withServices("a", "b");
        assertThat(all).isEqualTo(Route.all());
        assertThat(narrow.types()).containsExactly("incident.declared");
        assertThat(narrow.minimumSeverity()).contains(Severity.SEV1);
        assertThat(narrow.services()).containsExactly("a", "b");
        assertThatThrownBy(() -> narrow.services().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aServiceNamedTwiceIsRoutedOnce() {
        // Set.of would refuse the repeat with its own "duplicate element" message.
        assertThat(Route.all().withServices("checkout", "checkout").services()).containsExactly("checkout");
    }
}
