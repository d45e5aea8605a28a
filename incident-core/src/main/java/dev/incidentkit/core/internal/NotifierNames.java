package dev.incidentkit.core.internal;

import java.util.regex.Pattern;

/** The rule for notifier names: they key stored checkpoints, leases and dead letters. */
public final class NotifierNames {

    /** What every notifier checkpoint's name starts with: the notifiers' part of the store's namespace. */
    public static final String CHECKPOINT_PREFIX = "notifier:";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private NotifierNames() {}

    /**
     * @return {@code name}
     * @throws IllegalArgumentException if it does not match {@code [a-z0-9][a-z0-9._-]{0,62}}
     */
    public static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a notifier name must match [a-z0-9][a-z0-9._-]{0,62}: " + name);
        }
        return name;
    }

    /** @return the name of the notifier's checkpoint in the store */
    public static String checkpoint(String name) {
        return CHECKPOINT_PREFIX + name;
    }
}
