package dev.incidentkit.notify.webhook.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which of a notification's links a notifier may turn into a button or a link. */
public final class Links {

    /** The most links shown. */
    public static final int MAX_LINKS = 5;
    /** The longest link shown (Slack's limit for a button's URL). */
    public static final int MAX_LENGTH = 3000;

    private Links() {}

    /**
     * The links come from the host's configuration, not from user text; even so only absolute
     * {@code http} and {@code https} URIs with a host are kept, so that no {@code javascript:} or
     * {@code data:} URI ever becomes clickable.
     *
     * @param links a notification's links
     * @return the first {@value #MAX_LINKS} web links of at most {@value #MAX_LENGTH} characters
     */
    public static List<URI> web(List<URI> links) {
        List<URI> out = new ArrayList<>();
        for (URI link : links) {
            String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || scheme.equals("http");
            if (web && link.getHost() != null && link.toASCIIString().length() <= MAX_LENGTH) {
                out.add(link);
                if (out.size() == MAX_LINKS) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * @param index the link's position, from 0
     * @return the label of its button: "Open incident" for the first, "Link 2" and so on after
     */
    public static String label(int index) {
        return index == 0 ? "Open incident" : "Link " + (index + 1);
    }
}
