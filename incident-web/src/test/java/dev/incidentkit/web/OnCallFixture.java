package dev.incidentkit.web;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.incidentkit.core.oncall.OnCallConfig;
import java.io.StringReader;

/**
 * The on-call configuration of the on-call tests, at {@link WebHarness#START} (Saturday
 * 2025-08-23 14:00 UTC): in schedule {@code primary} ada is on call by the weekly layer until
 * Monday 09:00 and dan by an override until 18:00; schedule {@code db}, named with markup, has a
 * daily rotation in business hours only (nobody now, a weekend) whose first person's name is {@link HtmlPages#HOSTILE}.
 * Public for the browser tests.
 */
public final class OnCallFixture {

    /** A participant's name: markup, a script, an attribute breaker, a right-to-left override. */
    static final String HOSTILE = HtmlPages.HOSTILE;

    static final String JSON = """
            {
              "version": 1,
              "schedules": [
                {"id": "primary", "name": "Primary", "zone": "UTC",
                 "layers": [{"name": "Weekly", "rotation": {"kind": "WEEKLY", "start": "2025-08-18T09:00",
                   "participants": ["ada", "bo", "cy"]}}],
                 "overrides": [{"kind": "ADD", "person": "dan", "start": "2025-08-23T12:00:00Z", "end": "2025-08-23T18:00:00Z"}]},
                {"id": "db", "name": "Database <b>&</b> co", "zone": "Europe/Berlin",
                 "layers": [{"name": "Business hours", "rotation": {"kind": "DAILY", "start": "2025-08-18T09:00",
                   "participants": [@HOSTILE@, "eve"]},
                   "restrictions": [{"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "start": "09:00",
                     "length": "PT8H"}]}]}
              ],
              "policies": [
                {"id": "checkout", "name": "Checkout",
                 "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                   "from": "09:00", "to": "17:00"}]},
                 "levels": [
                   {"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]},
                   {"escalateAfter": "PT15M", "targets": [{"person": "carl"}, {"schedule": "db"}], "ifNobodyOnCall": "WAIT"}],
                 "repeat": 2}
              ]
            }
            """.replace("@HOSTILE@", TextNode.valueOf(HOSTILE).toString());

    public static final OnCallConfig CONFIG = OnCallConfig.read(new StringReader(JSON), "oncall.json");

    private OnCallFixture() {}
}
