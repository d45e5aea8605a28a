package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;
import static dev.incidentkit.core.export.ExportFixtures.ALICE;
import static dev.incidentkit.core.export.ExportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.SeverityBasis;
import dev.incidentkit.testkit.SimpleEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The walkthrough's step 6, "Export for Postmortem", reproduced from the walkthrough's commands. */
class PostmortemGoldenTest {

    private final IncidentManager incidents = ExportFixtures.manager(new SimpleEventStore());

    @AfterEach
    void close() {
        incidents.close();
    }

    @Test
    void theWalkthroughPostmortemIsReproduced() {
        String id = ExportFixtures.walkthrough(incidents);

        String md = MarkdownExport.postmortem(incidents.history(id));

        assertThat(md).isEqualTo("""
                # Incident Postmortem - INC-2025-001

                ## Incident Summary

                - **Title:** Checkout service experiencing high database latency
                - **Severity:** SEV-2 (Major)
                - **Service:** checkout
                - **Duration:** 17 minutes (14:30 - 14:47)
                - **Status:** Closed
                - **Date:** 2025-08-23 (times in UTC)
                - **Description:** Database response times increased to 5+ seconds. Multiple customer reports of failed checkouts.

                ## Timeline

                - **14:30** - Incident declared (SEV-2) by alice@example.com: Checkout service experiencing high database latency
                - **14:32** - Acknowledged by user@example.com: Investigating database performance metrics
                - **14:35** - Update from user@example.com: Found slow query in orders table. Query execution time: 8.2s avg
                - **14:42** - Update from user@example.com: Applied database index to orders.created_at. Testing performance
                - **14:45** - Update from user@example.com: Database performance improved. Response time now <500ms. Monitoring
                - **14:47** - Incident mitigated by user@example.com: Applied database optimization. Performance restored, monitoring for stability
                - **15:15** - Incident resolved by user@example.com: Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.
                - **15:15** - Incident closed by alice@example.com

                ## Root Cause

                *Not written yet.*

                ## Contributing Factors

                *Not written yet.*

                ## Impact

                *Not written yet.*

                ## What Went Well

                *Not written yet.*

                ## What Went Poorly

                *Not written yet.*

                ## Resolution

                Applied database index to orders.created_at column, reducing query time from 8.2s to <500ms.

                ## Action Items

                - [ ] Review other queries on orders table (owner: @\u2060bob, due: 2025-09-01)
                - [ ] Set up monitoring for query performance
                - [x] Add database performance to alerting (owner: @\u2060carol)
                """);
        // The owners read as the walkthrough's "@bob", with a WORD JOINER that keeps GitHub from notifying them.
        assertThat(md).doesNotContain("@bob", "@carol");
        // The walkthrough's own lines, in its order.
        assertThat(md).containsSubsequence(
                "# Incident Postmortem - INC-2025-001",
                "## Incident Summary",
                "- **Title:** Checkout service experiencing high database latency",
                "- **Severity:** SEV-2 (Major)",
                "- **Service:** checkout",
                "- **Duration:** 17 minutes (14:30 - 14:47)",
                "- **Status:** Closed",
                "## Timeline",
                "- **14:30** - Incident declared",
                "- **14:32** - Acknowledged",
                "- **14:35** - ",
                "- **14:42** - ",
                "- **14:47** - Incident mitigated",
                "- **15:15** - Incident resolved",
                "## Resolution",
                "Applied database index to orders.created_at column, reducing query time from 8.2s to <500ms.",
                "## Action Items",
                "- [ ] Review other queries on orders table",
                "- [ ] Set up monitoring for query performance",
                "Add database performance to alerting");
    }

    @Test
    void publicUpdatesHaveTheirOwnSectionAfterTheTimeline() {
        String id = incidents.declare(Declare.of("Orders DB pool exhausted", Severity.SEV1, "checkout"), as(ALICE).at(at(0)))
                .id();
        incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE,
                "Some customers cannot complete purchases.\nWe are on it.", as(ALICE).at(at(6)));
        incidents.resolve(id, "Pool size raised", as(ALICE).at(at(30)));
        incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL,
                "Checkout works again.", as(ALICE).at(at(31)));

        String md = MarkdownExport.postmortem(incidents.history(id));

        assertThat(md).contains("""
                - **15:00** - Incident resolved by alice@example.com: Pool size raised

                ## Public Updates

                - **14:36** - Investigating: Checkout issues (partial outage): Some customers cannot complete purchases.
                  We are on it.
                - **15:01** - Resolved: Checkout issues (operational): Checkout works again.

                ## Root Cause
                """);
        assertThat(md).doesNotContain("Public update:");
    }

    @Test
    void theWalkthroughTimelineViewIsReproducedAsPlainText() {
        String id = ExportFixtures.walkthrough(incidents);

        assertThat(TextExport.timeline(incidents.history(id))).isEqualTo("""
                INC-2025-001 - Checkout service experiencing high database latency
                Severity: SEV-2 (Major)
                Service: checkout
                Status: Closed
                Duration: 17 minutes (14:30 - 14:47)
                Date: 2025-08-23 (times in UTC)
                Description:
                        Database response times increased to 5+ seconds. Multiple customer reports of failed checkouts.

                14:30 - Incident declared (SEV-2) by alice@example.com
                        Checkout service experiencing high database latency
                14:32 - Acknowledged by user@example.com
                        Investigating database performance metrics
                14:35 - Update from user@example.com
                        Found slow query in orders table. Query execution time: 8.2s avg
                14:42 - Update from user@example.com
                        Applied database index to orders.created_at. Testing performance
                14:45 - Update from user@example.com
                        Database performance improved. Response time now <500ms. Monitoring
                14:47 - Incident mitigated by user@example.com
                        Applied database optimization. Performance restored, monitoring for stability
                15:15 - Incident resolved by user@example.com
                        Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.
                15:15 - Postmortem updated by alice@example.com
                15:15 - Action item #1 added by alice@example.com
                        Review other queries on orders table
                15:15 - Action item #2 added by alice@example.com
                        Set up monitoring for query performance
                15:15 - Action item #3 added by alice@example.com
                        Add database performance to alerting
                15:15 - Action item #3 completed by alice@example.com
                15:15 - Incident closed by alice@example.com
                """);
    }

    @Test
    void everyWrittenSectionIsFilledFromTheEvents() {
        String id = ExportFixtures.walkthrough(incidents);
        incidents.reopen(id, "Writing the postmortem", as(ALICE).at(at(60)));
        incidents.updatePostmortem(id, PostmortemUpdate.none()
                .summary("Checkout failed for 17 minutes after a slow query on orders.")
                .rootCause("A missing index on orders.created_at made the checkout query scan the table.")
                .contributingFactors("Traffic peak at 14:00\nNo query-time alert")
                .impact("About 1,200 failed checkouts")
                .wentWell("Detection was fast (2 min from alert to ack)")
                .wentPoorly("The runbook did not cover slow queries"), as(ALICE).at(at(61)));

        String md = MarkdownExport.postmortem(incidents.history(id));

        assertThat(md).contains(
                "- **Status:** Investigating\n- **Date:** 2025-08-23 (times in UTC)\n- **Description:** Database response "
                        + "times increased to 5+ seconds. Multiple customer reports of failed checkouts.\n\n"
                        + "Checkout failed for 17 minutes after a slow query on orders.\n\n## Timeline\n",
                "- **15:30** - Incident reopened by alice@example.com: Writing the postmortem\n",
                "## Root Cause\n\nA missing index on orders.created_at made the checkout query scan the table.\n",
                "## Contributing Factors\n\nTraffic peak at 14:00\nNo query-time alert\n",
                "## Impact\n\nAbout 1,200 failed checkouts\n",
                "## What Went Well\n\nDetection was fast (2 min from alert to ack)\n",
                "## What Went Poorly\n\nThe runbook did not cover slow queries\n",
                "## Resolution\n\nApplied database index to orders.created_at column");
        assertThat(md).doesNotContain("*Not written yet.*");
        assertThat(md).contains("- **Duration:** 17 minutes (14:30 - 14:47)\n");
    }

    @Test
    void anEarlierImpactAndAnEscalationShowInTheSummaryAndTheMetrics() {
        // Issue 11, point 6: impact 32 minutes before the declaration, escalated to SEV-1, downgraded once contained.
        String id = incidents.declare(Declare.of("Checkout errors", Severity.SEV3, "checkout").impactStartedAt(at(-32)),
                as(ALICE).at(at(0))).id();
        incidents.escalate(id, Severity.SEV1, "Payments failing too", as(ALICE).at(at(5)));
        incidents.mitigate(id, "Rolled back", as(ALICE).at(at(17)));
        incidents.downgrade(id, Severity.SEV3, "Contained", as(ALICE).at(at(20)));

        String md = MarkdownExport.postmortem(incidents.history(id));

        assertThat(md).contains("- **Severity:** SEV-1 (Critical) at peak, SEV-3 (Minor) now\n",
                "- **Duration:** 49 minutes (13:58 - 14:47)\n");
        assertThat(incidents.metrics(MetricQuery.all().severity(Severity.SEV1)).incidents()).isEqualTo(1);
        assertThat(incidents.metrics(MetricQuery.all().severity(Severity.SEV1).severityBasis(SeverityBasis.CURRENT))
                .incidents()).isZero();
    }

    @Test
    void writtenSectionsReadAsTheTeamWroteThem() {
        String id = ExportFixtures.walkthrough(incidents);
        incidents.reopen(id, "Writing the postmortem", as(ALICE).at(at(60)));
        String rootCause = """
                A missing index on `orders.created_at` made the **checkout** query scan the table:

                ```sql
                SELECT * FROM orders WHERE created_at > now() - interval '1 hour';
                ```

                See [the dashboard](https://grafana.example.com/d/db?from=now-1h&to=now) and <https://status.example.com>.""";
        incidents.updatePostmortem(id, PostmortemUpdate.none().rootCause(rootCause)
                .contributingFactors("- Traffic peak at 14:00\n- No query-time alert\n- p99*2 on orders_v2"),
                as(ALICE).at(at(61)));

        String md = MarkdownExport.postmortem(incidents.history(id));

        assertThat(md).contains("## Root Cause\n\n" + rootCause + "\n\n## Contributing Factors\n\n"
                + "- Traffic peak at 14:00\n- No query-time alert\n- p99*2 on orders_v2\n\n## Impact\n");
    }
}
