package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Severity;
import java.util.List;

/**
 * The form of a new incident, with the walkthrough's fields: Title, Severity, Service, Description.
 *
 * @param frame the page's frame
 * @param severities the severities offered, most severe first
 */
public record DeclareView(Frame frame, List<Severity> severities) {}
