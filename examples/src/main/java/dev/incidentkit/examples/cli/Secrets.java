package dev.incidentkit.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in whatever {@code im} prints: the user info of a URL
 * ({@code jdbc:postgresql://im:s3cret@host/db}), password parameters ({@code ?password=...},
 * {@code ;PASSWORD=...}), and, wherever they appear (a driver may quote them in its own words),
 * the passwords found that way, {@code $IM_DB_PASSWORD}, the notifiers' webhook URLs (their
 * paths too) and routing key, and the SMTP URL and its password ({@link NotifierSettings}).
 */
final class Secrets {

    static final String MASK = "***";

    /**
     * A candidate user info: everything from {@code ://} to the last {@code @} before whitespace.
     * A password typed raw may hold any of {@code /?#;'"<>@}, so no character but whitespace may
     * end it; {@link #isUserInfo} then tells it from a path that merely holds an {@code @}.
     */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)\\S*@");
    /** A password-like parameter in a query string ({@code &}) or H2's settings ({@code ;}). */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token|sslpassword)=([^&;\\s\"'<>]*?)(?=[&;\\s\"'<>]|:\\s|:?$)");
    /** Shorter values would mask ordinary words; they are still masked in the two forms above. */
    private static final int SHORTEST_LITERAL = 4;

    private final List<String> literals;

    private Secrets(List<String> literals) {
        this.literals = literals;
    }

    /**
     * @param env where {@code $IM_DB_PASSWORD} and the notifiers' secrets come from
     * @param urls the store URLs of this run ({@code --db}, {@code $IM_DB}), whose passwords are masked anywhere
     */
    static Secrets of(Environment env, List<String> urls) {
        List<String> literals = new ArrayList<>();
        env.get("IM_DB_PASSWORD").ifPresent(literals::add);
        for (String variable : NotifierSettings.VARIABLES) {
            // A webhook URL's path is its secret (Slack's is), a routing key is one whole.
            env.get(variable).ifPresent(value -> {
                literals.add(value);
                literals.add(value.strip());
                int scheme = value.indexOf("://");
                int path = scheme < 0 ? -1 : value.indexOf('/', scheme + 3);
                if (path >= 0) {
                    literals.add(value.substring(path).strip());
                }
            });
        }
        List<String> withSmtp = new ArrayList<>(urls);
        // The SMTP URL's password is masked wherever it appears, as a store URL's is.
        env.get(NotifierSettings.SMTP).ifPresent(withSmtp::add);
        for (String url : withSmtp) {
            // The whole argument, whitespace included: it is one URL, and its password may hold a space.
            int scheme = url.indexOf("://");
            int at = url.lastIndexOf('@');
            if (scheme >= 0 && at > scheme && isUserInfo(url.substring(scheme + 3, at))) {
                passwords(url.substring(scheme + 3, at), literals);
            }
            Matcher parameter = PASSWORD_PARAMETER.matcher(url);
            while (parameter.find()) {
                literals.add(parameter.group(2));
                // The pattern stops at the first separator of either kind; the value the driver reads
                // runs to its own separator: ; in H2's settings, & in a query string.
                literals.add(upTo(url.substring(parameter.start(2)), url.startsWith("jdbc:h2:") ? ';' : '&'));
            }
        }
        literals.removeIf(s -> s.length() < SHORTEST_LITERAL);
        // The longest first, so that a secret containing another is masked whole.
        literals.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(literals));
    }

    private static String upTo(String text, char separator) {
        int end = text.indexOf(separator);
        return end < 0 ? text : text.substring(0, end);
    }

    /** @return {@code text} with every credential replaced by {@value #MASK} */
    String mask(String text) {
        String masked = text;
        for (String literal : literals) {
            masked = masked.replace(literal, MASK);
        }
        masked = USER_INFO.matcher(masked).replaceAll(info -> Matcher.quoteReplacement(
                isUserInfo(info.group().substring(0, info.group().length() - 1)) ? MASK + "@" : info.group()));
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
    }

    /**
     * Whether the text between {@code ://} and an {@code @} is a user info rather than a host and
     * a path holding an {@code @} ({@code https://host/@alice}): it is unless a {@code /}, {@code ?}
     * or {@code #} comes before any {@code :}. A user name has no {@code /?#}, and whatever follows
     * its {@code :} (the password) may hold anything, so no password is ever let through; the
     * price is that {@code https://host:8080/@alice} is masked too, since a port looks like a
     * password.
     */
    private static boolean isUserInfo(String candidate) {
        for (int i = 0; i < candidate.length(); i++) {
            switch (candidate.charAt(i)) {
                case ':':
                    return true;
                case '/', '?', '#':
                    return false;
                default:
                    break;
            }
        }
        return true;
    }

    /**
     * Adds every password {@code userInfo} may hold: it runs from the first {@code :} to the last
     * {@code @}, or, if the URL's path or query held an {@code @} too, to an earlier one. Each
     * possibility is masked, the longest first.
     */
    private static void passwords(String userInfo, List<String> literals) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return;
        }
        String password = userInfo.substring(colon + 1);
        literals.add(password);
        for (int at = password.indexOf('@'); at >= 0; at = password.indexOf('@', at + 1)) {
            literals.add(password.substring(0, at));
        }
    }

    /** The store URLs named on a command line, for {@link #of}. */
    static List<String> urls(String[] args, Environment env) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                urls.add(args[i + 1]);
            } else if (args[i].startsWith("--db=")) {
                urls.add(args[i].substring("--db=".length()));
            }
        }
        Optional<String> fromEnv = env.get("IM_DB");
        fromEnv.ifPresent(urls::add);
        return urls;
    }
}
