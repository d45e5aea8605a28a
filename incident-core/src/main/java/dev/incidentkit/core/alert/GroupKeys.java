package dev.incidentkit.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The keys of the groups an alert belongs to under a {@link Grouping}: what the store decides a
 * group's incident by. Keys are a stored format (the {@code group_key} of the alert groups), so
 * their spelling stays: {@code source:<source>:<group key>}, {@code labels:<name>="<value>",...},
 * {@code label:<name>="<value>"}, {@code storm:<source>}; one longer than 200 characters is
 * {@code sha256:} and its hex digest. An alert that is a group of its own ({@code alert:<alert
 * id>}) is declared without a group row.
 */
final class GroupKeys {

    private GroupKeys() {}

    /** @return whether the key is an alert's own group ({@code alert:<id>}), which no other alert joins */
    static boolean isAlone(String key) {
        return key.startsWith("alert:");
    }

    /** The group keys of a new alert, the one it declares under first. */
    static List<String> of(Alert alert, Optional<String> sourceGroup, Grouping g) {
        AlertDetails d = alert.details();
        if (g instanceof Grouping.BySourceGroup && sourceGroup.isPresent()) {
            return List.of(key("source:" + d.source() + ":" + sourceGroup.get()));
        }
        if (g instanceof Grouping.ByLabels labels) {
            if (labels.match() == Grouping.Match.ALL) {
                StringBuilder k = new StringBuilder("labels:");
                for (String name : labels.labels()) {
                    k.append(name).append('=').append(quoted(d.labels().getOrDefault(name, ""))).append(',');
                }
                return List.of(key(k.toString()));
            }
            List<String> keys = new ArrayList<>();
            for (String name : labels.labels()) {
                String value = d.labels().get(name);
                if (value != null && !value.isEmpty()) {
                    keys.add(key("label:" + name + "=" + quoted(value)));
                }
            }
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return List.of("alert:" + alert.id());
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Keys up to 200 characters as they are (readable in the store); longer ones by their SHA-256. */
    static String key(String raw) {
        if (raw.length() <= 200) {
            return raw;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

}
