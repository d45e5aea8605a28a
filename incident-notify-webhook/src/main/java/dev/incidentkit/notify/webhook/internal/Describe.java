package dev.incidentkit.notify.webhook.internal;

import java.net.URI;

/**
 * How a destination is named in messages and logs. A webhook URI carries its secret in the path
 * (Slack's and Teams' do), so only the scheme, host and port ever appear.
 */
public final class Describe {

    private Describe() {}

    /**
     * @param uri an endpoint
     * @return its scheme, host and port, never its path, query or user information
     */
    public static String uri(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative URI)" : uri.getScheme() + ":(opaque URI)";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /**
     * @param type a CloudEvents type such as {@code incident.note_added}
     * @return what happened, such as {@code note added}
     */
    public static String action(String type) {
        String t = type.startsWith("incident.") ? type.substring("incident.".length()) : type;
        return t.replace('_', ' ');
    }
}
