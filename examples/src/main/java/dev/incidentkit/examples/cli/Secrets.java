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
 * the passwords found that way and {@code $IM_DB_PASSWORD}.
 */
final class Secrets {

    static final String MASK = "***";

    /**
     * Everything between {@code ://} and the last {@code @} before the URL's parameters or end. The
     * path is included: a password typed raw may hold a {@code /} (and an {@code @} in a path is
     * rare enough to mask with it).
     */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^\\s?;#\"'<>]*@");
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
     * @param env where {@code $IM_DB_PASSWORD} comes from
     * @param urls the store URLs of this run ({@code --db}, {@code $IM_DB}), whose passwords are masked anywhere
     */
    static Secrets of(Environment env, List<String> urls) {
        List<String> literals = new ArrayList<>();
        env.get("IM_DB_PASSWORD").ifPresent(literals::add);
        for (String url : urls) {
            Matcher info = USER_INFO.matcher(url);
            if (info.find()) {
                String userInfo = url.substring(info.start(), info.end() - 1);
                int colon = userInfo.indexOf(':');
                if (colon >= 0) {
                    literals.add(userInfo.substring(colon + 1));
                }
            }
            Matcher parameter = PASSWORD_PARAMETER.matcher(url);
            while (parameter.find()) {
                literals.add(parameter.group(2));
            }
        }
        literals.removeIf(s -> s.length() < SHORTEST_LITERAL);
        // The longest first, so that a secret containing another is masked whole.
        literals.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(literals));
    }

    /** @return {@code text} with every credential replaced by {@value #MASK} */
    String mask(String text) {
        String masked = text;
        for (String literal : literals) {
            masked = masked.replace(literal, MASK);
        }
        masked = USER_INFO.matcher(masked).replaceAll(Matcher.quoteReplacement(MASK + "@"));
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
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
