package dev.incidentkit.core.alert;

import dev.incidentkit.core.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an alert's labels, as Alertmanager's silences write them: {@code name=value},
 * {@code name!=value}, {@code name=~regex}, {@code name!~regex}. A regular expression is anchored
 * at both ends; a label the alert lacks has the value {@code ""}.
 *
 * @param name the label's name
 * @param operator how its value is compared
 * @param value the value or regular expression
 * @since 0.3.0
 */
public record LabelMatcher(String name, Operator operator, String value) {

    /** How a matcher compares. */
    public enum Operator {
        /** {@code =} */
        EQUAL("="),
        /** {@code !=} */
        NOT_EQUAL("!="),
        /** {@code =~} */
        MATCHES("=~"),
        /** {@code !~} */
        DOES_NOT_MATCH("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** @return how it is written: {@code =}, {@code !=}, {@code =~} or {@code !~} */
        public String symbol() {
            return symbol;
        }
    }

    /** Checks the name and, for a regular expression, that it compiles. */
    public LabelMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,127}")) {
            throw new ValidationException("matchers", "label names must match [a-zA-Z_][a-zA-Z0-9_]*", name);
        }
        if (value.length() > 1024) {
            throw new ValidationException("matchers", "values must be at most 1024 characters", value.length());
        }
        if (operator == Operator.MATCHES || operator == Operator.DOES_NOT_MATCH) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new ValidationException("matchers", "must be a valid regular expression (" + e.getDescription() + ")", value);
            }
        }
    }

    /**
     * Reads a matcher as it is written: {@code service=checkout}, {@code env!=dev}, {@code
     * alertname=~High.*}; the value may be in double quotes.
     *
     * @param text the matcher
     * @return it
     * @throws ValidationException naming {@code matchers} if it is not one
     */
    public static LabelMatcher parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = -1;
        for (int i = 0; i < text.length() && at < 0; i++) {
            char c = text.charAt(i);
            if (c == '=' || c == '!') {
                at = i;
            }
        }
        if (at <= 0 || at + 1 > text.length()) {
            throw new ValidationException("matchers", "must be name=value, name!=value, name=~regex or name!~regex", text);
        }
        String name = text.substring(0, at).strip();
        String rest = text.substring(at);
        Operator op;
        if (rest.startsWith("=~")) {
            op = Operator.MATCHES;
        } else if (rest.startsWith("!~")) {
            op = Operator.DOES_NOT_MATCH;
        } else if (rest.startsWith("!=")) {
            op = Operator.NOT_EQUAL;
        } else if (rest.startsWith("=")) {
            op = Operator.EQUAL;
        } else {
            throw new ValidationException("matchers", "must be name=value, name!=value, name=~regex or name!~regex", text);
        }
        String value = rest.substring(op.symbol().length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new LabelMatcher(name, op, value);
    }

    /**
     * @param labels an alert's labels
     * @return whether they meet this condition
     */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> Pattern.matches(value, actual);
            case DOES_NOT_MATCH -> !Pattern.matches(value, actual);
        };
    }

    @Override
    public String toString() {
        return name + operator.symbol() + value;
    }
}
