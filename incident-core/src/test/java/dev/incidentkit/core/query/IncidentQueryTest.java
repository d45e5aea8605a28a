package dev.incidentkit.core.query;

import static dev.incidentkit.core.query.Summaries.T0;
import static dev.incidentkit.core.query.Summaries.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a query accepts, what each filter keeps, and the order of its answers. */
class IncidentQueryTest {

    // ---- validation ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, -1, IncidentQuery.MAX_LIMIT + 1, Integer.MIN_VALUE})
    void aLimitOutOfRangeIsRefused(int limit) {
        assertRefused(() -> IncidentQuery.all().limit(limit), "limit");
    }

    @Test
    void theLimitsAtTheEdgesAreAccepted() {
        assertThat(IncidentQuery.all().limit(1).limit()).isEqualTo(1);
        assertThat(IncidentQuery.all().limit(IncidentQuery.MAX_LIMIT).limit()).isEqualTo(IncidentQuery.MAX_LIMIT);
        assertThat(IncidentQuery.all().limit()).isEqualTo(IncidentQuery.DEFAULT_LIMIT);
    }

    @Test
    void blankOrMalformedTextFiltersAreRefusedByName() {
        assertRefused(() -> IncidentQuery.all().titleContains(" "), "titleContains");
        assertRefused(() -> IncidentQuery.all().titleContains(""), "titleContains");
        assertRefused(() -> IncidentQuery.all().titleContains("a\nb"), "titleContains");
        assertRefused(() -> IncidentQuery.all().titleContains("x".repeat(201)), "titleContains");
        assertRefused(() -> IncidentQuery.all().commander(""), "commander");
        assertRefused(() -> IncidentQuery.all().commander("bob\u0000"), "commander");
        assertRefused(() -> IncidentQuery.all().roleHolder("\t"), "roleHolder");
        assertRefused(() -> IncidentQuery.all().roleHolder("a".repeat(201)), "roleHolder");
        assertRefused(() -> IncidentQuery.all().service("Checkout"), "service");
        assertRefused(() -> IncidentQuery.all().service(""), "service");
    }

    @Test
    void aCursorOfAnotherOrderIsRefused() {
        IncidentSummary s = summary("INC-1").build();
        String bySeverity = IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.DESCENDING).cursorAfter(s).encode();
        String ascending = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING).cursorAfter(s).encode();

        assertRefused(() -> IncidentQuery.all().after(bySeverity), "cursor");
        assertRefused(() -> IncidentQuery.all().after(ascending), "cursor");
        assertRefused(() -> IncidentQuery.all().after("not a cursor"), "cursor");
        assertThat(IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.DESCENDING).after(bySeverity).after())
                .isPresent();
    }

    /** The example of the type's Javadoc: the next page is asked of the same query, filters and all. */
    @Test
    void aCursorOfOtherFiltersIsRefused() {
        IncidentSummary s = summary("INC-1").build();
        IncidentQuery query = IncidentQuery.active().severity(Severity.SEV1, Severity.SEV2);
        String cursor = query.cursorAfter(s).encode();

        assertThat(query.after(cursor).after()).isPresent();
        assertThat(query.limit(3).after(cursor).limit(7).after()).as("the page size is no filter").isPresent();
        assertThat(IncidentQuery.active().severity(Set.of(Severity.SEV2, Severity.SEV1)).after(cursor).after())
                .as("the same filters, given in another order").isPresent();
        assertThatThrownBy(() -> IncidentQuery.active().after(cursor)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.field()).isEqualTo("cursor");
                    assertThat(e.getMessage()).contains("belongs to another query");
                });
        assertRefused(() -> query.service("checkout").after(cursor), "cursor");
        assertRefused(() -> query.after(cursor).titleContains("disk"), "cursor");
        assertRefused(() -> query.after(cursor).declaredFrom(T0), "cursor");
    }

    /** Each filter counts; the order, the cursor and the page size do not (the order is checked on its own). */
    @Test
    void everyFilterAndNothingElseChangesTheFingerprint() {
        IncidentQuery base = IncidentQuery.all();
        List<IncidentQuery> filtered = List.of(base.status(Status.OPEN), base.severity(Severity.SEV4),
                base.service("checkout"), base.declaredFrom(T0), base.declaredBefore(T0), base.titleContains("disk"),
                base.commander("bob"), base.roleHolder("bob"), base.status(Status.OPEN, Status.CLOSED),
                base.commander("bob").roleHolder("carol"), base.commander("carol").roleHolder("bob"));
        Set<String> fingerprints = new HashSet<>();
        fingerprints.add(base.fingerprint());
        filtered.forEach(q -> fingerprints.add(q.fingerprint()));

        assertThat(fingerprints).hasSize(filtered.size() + 1).allMatch(f -> f.matches("[0-9a-f]{16}"));
        assertThat(base.sortBy(SortKey.SEVERITY, SortDirection.ASCENDING).limit(3).fingerprint())
                .isEqualTo(base.fingerprint());
        assertThat(base.titleContains("DISK").fingerprint()).as("the title as it is compared, case folded")
                .isEqualTo(base.titleContains("disk").fingerprint());
    }

    /**
     * The fingerprint is a function of the filters' canonical text, pinned here: the same in every
     * JVM and run (a set's iteration order, or Object.hashCode, would not be), so that a cursor
     * outlives the process that made it.
     */
    @Test
    void theFingerprintIsStable() {
        assertThat(IncidentQuery.all().fingerprint()).isEqualTo("6d613ebc60241ada");
        assertThat(IncidentQuery.active().severity(Severity.SEV1).service("checkout").declaredFrom(T0)
                .titleContains("Disk").roleHolder("bob").fingerprint()).isEqualTo("67b9b1117a5ed663");
        assertThat(IncidentQuery.all().status(EnumSet.of(Status.MITIGATED, Status.OPEN)).fingerprint())
                .isEqualTo(IncidentQuery.all().status(Set.of(Status.OPEN, Status.MITIGATED)).fingerprint());
    }

    @Test
    void changingTheOrderOrAskingForTheFirstPageDropsTheCursor() {
        IncidentSummary s = summary("INC-1").build();
        IncidentQuery second = IncidentQuery.all().after(IncidentQuery.all().cursorAfter(s).encode());

        assertThat(second.firstPage().after()).isEmpty();
        assertThat(second.sortBy(SortKey.LAST_CHANGE, SortDirection.ASCENDING).after()).isEmpty();
        assertThat(second.limit(7).after()).isEqualTo(second.after());
    }

    @Test
    void theSetsAreCopied() {
        Set<Status> statuses = EnumSet.of(Status.OPEN);
        IncidentQuery q = IncidentQuery.all().status(statuses);
        statuses.add(Status.CLOSED);

        assertThat(q.statuses()).containsExactly(Status.OPEN);
        assertThatThrownBy(() -> q.statuses().add(Status.RESOLVED)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- filters -------------------------------------------------------------------------

    @Test
    void noFilterKeepsEverything() {
        assertThat(IncidentQuery.all().matches(summary("INC-1").status(Status.DUPLICATE).build())).isTrue();
    }

    @Test
    void activeKeepsOpenToMitigated() {
        for (Status s : Status.values()) {
            assertThat(IncidentQuery.active().matches(summary("INC-1").status(s).build())).as(s.name())
                    .isEqualTo(s.isActive());
        }
        assertThat(IncidentQuery.activeStatuses()).allMatch(Status::isActive).hasSize(5);
    }

    @Test
    void statusAndSeverityKeepTheirMembers() {
        IncidentQuery q = IncidentQuery.all().status(Status.RESOLVED, Status.CLOSED).severity(Severity.SEV1);

        assertThat(q.matches(summary("a").status(Status.CLOSED).severity(Severity.SEV1).build())).isTrue();
        assertThat(q.matches(summary("b").status(Status.CLOSED).severity(Severity.SEV2).build())).isFalse();
        assertThat(q.matches(summary("c").status(Status.OPEN).severity(Severity.SEV1).build())).isFalse();
    }

    @Test
    void aServiceMatchesAsPrimaryOrCorrelated() {
        IncidentQuery q = IncidentQuery.all().service("payments");

        assertThat(q.matches(summary("a").service("payments").build())).isTrue();
        assertThat(q.matches(summary("b").service("checkout", "db", "payments").build())).isTrue();
        assertThat(q.matches(summary("c").service("checkout", "payments-api").build())).isFalse();
        assertThat(q.matches(summary("d").service("payments.eu").build())).isFalse();
    }

    @Test
    void theDeclarationBoundsIncludeTheStartAndExcludeTheEnd() {
        Instant from = T0;
        Instant before = T0.plusSeconds(3600);
        IncidentQuery q = IncidentQuery.all().declaredFrom(from).declaredBefore(before);

        assertThat(q.matches(summary("a").declaredAt(from).build())).isTrue();
        assertThat(q.matches(summary("b").declaredAt(from.minusNanos(1000)).build())).isFalse();
        assertThat(q.matches(summary("c").declaredAt(before.minusNanos(1000)).build())).isTrue();
        assertThat(q.matches(summary("d").declaredAt(before).build())).isFalse();
        assertThat(IncidentQuery.all().declaredBefore(before).matches(summary("e").declaredAt(Instant.EPOCH).build()))
                .isTrue();
        assertThat(IncidentQuery.all().declaredFrom(from).matches(summary("f").declaredAt(before).build()))
                .isTrue();
    }

    @Test
    void theTitleMatchesIgnoringCaseInAnyScript() {
        assertThat(IncidentQuery.all().titleContains("DATABASE").matches(summary("a").title("Slow database").build()))
                .isTrue();
        assertThat(IncidentQuery.all().titleContains("Ÿber ÉTÉ").matches(summary("b").title("x ÿber été y").build()))
                .isTrue();
        assertThat(IncidentQuery.all().titleContains("ПЛАТЕЖИ").matches(summary("c").title("Платежи падают").build()))
                .isTrue();
        assertThat(IncidentQuery.all().titleContains("😀 Ü").matches(summary("d").title("a 😀 ü b").build())).isTrue();
        assertThat(IncidentQuery.all().titleContains("database").matches(summary("e").title("Slow data base").build()))
                .isFalse();
    }

    /**
     * Lower-casing a whole title is context-sensitive (a capital sigma at a word's end becomes a
     * final sigma), so the title's key did not contain the key of a word it contains.
     */
    @Test
    void aGreekWordMatchesWhereverItStandsInTheTitle() {
        IncidentQuery q = IncidentQuery.all().titleContains("ΟΔΟΣ");

        assertThat(q.matches(summary("a").title("ΟΔΟΣ").build())).isTrue();
        assertThat(q.matches(summary("b").title("ΟΔΟΣΑΘΗΝΩΝ").build())).isTrue();
        assertThat(q.matches(summary("c").title("οδοσ").build())).isTrue();
        assertThat(IncidentQuery.all().titleContains("οδοσ").matches(summary("d").title("Η ΟΔΟΣ").build())).isTrue();
    }

    @Test
    void theCommanderFilterWantsTheCommanderAndTheRoleHolderFilterAnyRole() {
        IncidentSummary commandedByBob = summary("a").role(Role.COMMANDER, "bob").role(Role.TECH_LEAD, "carol").build();
        IncidentSummary bobLeadsTech = summary("b").role(Role.TECH_LEAD, "bob").build();
        IncidentSummary bobWritesComms = summary("c").role(Role.COMMS_LEAD, "bob").build();
        IncidentSummary nobody = summary("d").build();

        IncidentQuery commander = IncidentQuery.all().commander("bob");
        assertThat(List.of(commandedByBob, bobLeadsTech, bobWritesComms, nobody)).filteredOn(commander::matches)
                .containsExactly(commandedByBob);
        IncidentQuery holder = IncidentQuery.all().roleHolder("bob");
        assertThat(List.of(commandedByBob, bobLeadsTech, bobWritesComms, nobody)).filteredOn(holder::matches)
                .containsExactly(commandedByBob, bobLeadsTech, bobWritesComms);
        assertThat(IncidentQuery.all().commander("Bob").matches(commandedByBob)).as("names are exact").isFalse();
        assertThat(IncidentQuery.all().roleHolder("carol").commander("bob").matches(commandedByBob)).isTrue();
    }

    // ---- order ---------------------------------------------------------------------------

    @Test
    void theOrderBreaksTiesByIdInTheSameDirection() {
        IncidentSummary a = summary("INC-A").declaredAt(T0).build();
        IncidentSummary b = summary("INC-B").declaredAt(T0).build();
        IncidentSummary older = summary("INC-Z").declaredAt(T0.minusSeconds(1)).build();
        List<IncidentSummary> all = new ArrayList<>(List.of(b, older, a));

        all.sort(IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING).comparator());
        assertThat(all).containsExactly(older, a, b);
        all.sort(IncidentQuery.all().comparator());
        assertThat(all).as("newest first, then ids descending").containsExactly(b, a, older);
    }

    @Test
    void severityAscendingPutsTheMostSevereFirst() {
        IncidentSummary sev1 = summary("x").severity(Severity.SEV1).build();
        IncidentSummary sev3 = summary("a").severity(Severity.SEV3).build();
        List<IncidentSummary> all = new ArrayList<>(List.of(sev3, sev1));

        all.sort(IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.ASCENDING).comparator());
        assertThat(all).containsExactly(sev1, sev3);
    }

    @Test
    void lastChangeSortsByWhenTheLastEventWasRecorded() {
        IncidentSummary recent = summary("a").declaredAt(T0).lastChangedAt(T0.plusSeconds(600)).build();
        IncidentSummary stale = summary("b").declaredAt(T0.plusSeconds(60)).lastChangedAt(T0.plusSeconds(60)).build();
        List<IncidentSummary> all = new ArrayList<>(List.of(stale, recent));

        all.sort(IncidentQuery.all().sortBy(SortKey.LAST_CHANGE, SortDirection.DESCENDING).comparator());
        assertThat(all).containsExactly(recent, stale);
    }

    @Test
    void theSortValueOfAnInstantIsMicrosecondsSinceTheEpochBeforeItToo() {
        IncidentSummary s = summary("a").declaredAt(Instant.parse("1969-12-31T23:59:59.999999Z")).build();
        assertThat(IncidentQuery.sortValue(SortKey.DECLARED, s)).isEqualTo(-1);
        assertThat(IncidentQuery.sortValue(SortKey.SEVERITY, summary("b").severity(Severity.SEV4).build())).isEqualTo(4);
    }

    @Test
    void aFirstPageTakesEverythingAndALaterOneWhatFollowsItsCursor() {
        IncidentSummary a = summary("INC-A").declaredAt(T0).build();
        IncidentSummary b = summary("INC-B").declaredAt(T0).build();
        IncidentQuery first = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
        IncidentQuery afterA = first.after(first.cursorAfter(a).encode());

        assertThat(first.isAfterCursor(a)).isTrue();
        assertThat(afterA.isAfterCursor(a)).as("strictly after").isFalse();
        assertThat(afterA.isAfterCursor(b)).isTrue();
        IncidentQuery descending = IncidentQuery.all();
        IncidentQuery afterB = descending.after(descending.cursorAfter(b).encode());
        assertThat(afterB.isAfterCursor(a)).isTrue();
        assertThat(afterB.isAfterCursor(b)).isFalse();
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
