package dev.incidentkit.notify.webhook.internal;

import dev.incidentkit.notify.webhook.Redactor;

/** The redactor that changes nothing; a singleton, so that notifiers can skip work for it. */
public enum NoRedaction implements Redactor {
    /** The one instance. */
    INSTANCE;

    @Override
    public String redact(String text) {
        return text;
    }
}
