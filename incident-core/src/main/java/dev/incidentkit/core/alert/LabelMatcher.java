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
 * <p>A value, not a record only because it keeps its regular expression compiled: a silence is
 * checked against every alert received while it lasts. Equal when name, operator and value are.
 * A condition whose regular expression takes longer than {@value #MATCH_MILLIS} ms on one label
 * value (a pattern that backtracks without bound, such as {@code (x+x+)+y}) does not hold,
 * whatever its operator: no silence can stall the receivers, and one that cannot decide lets the
 * alert through.
 *
 * @since 0.3.0
 */
public final class LabelMatcher {

    /** The longest a regular expression may take on one value. */
    public static final long MATCH_MILLIS = 50;

    private final String name;
    private final Operator operator;
    private final String value;
    private final Pattern pattern;

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

    /**
     * @param name the label's name
     * @param operator how its value is compared
     * @param value the value or regular expression
     * @throws ValidationException naming {@code matchers} if the name is not a label name, the
     *     value longer than 1,024 characters, or a regular expression does not compile
     */
    public LabelMatcher(String name, Operator operator, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.value = Objects.requireNonNull(value, "value");
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,127}")) {
            throw new ValidationException("matchers", "label names must match [a-zA-Z_][a-zA-Z0-9_]*", name);
        }
        if (value.length() > 1024) {
            throw new ValidationException("matchers", "values must be at most 1024 characters", value.length());
        }
        Pattern compiled = null;
        if (operator == Operator.MATCHES || operator == Operator.DOES_NOT_MATCH) {
            try {
                compiled = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new ValidationException("matchers", "must be a valid regular expression (" + e.getDescription() + ")", value);
            }
        }
        this.pattern = compiled;
    }

    /** @return the label's name */
    public String name() {
        return name;
    }

    /** @return how its value is compared */
    public Operator operator() {
        return operator;
    }

    /** @return the value or regular expression */
    public String value() {
        return value;
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
     * @return whether they meet this condition (false when its regular expression runs out of time)
     */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        try {
            return switch (operator) {
                case EQUAL -> actual.equals(value);
                case NOT_EQUAL -> !actual.equals(value);
                case MATCHES -> fullMatch(actual);
                case DOES_NOT_MATCH -> !fullMatch(actual);
            };
        } catch (Bounded.TooSlow e) {
            return false;   // a silence that cannot decide covers nothing: the alert gets through
        }
    }

    private boolean fullMatch(String actual) {
        return pattern.matcher(new Bounded(actual, System.nanoTime() + MATCH_MILLIS * 1_000_000)).matches();
    }

    /**
     * The text a regular expression reads, which gives up once its time is over: the JDK's
     * matcher has no timeout, but reads its input through {@link CharSequence#charAt}, and a
     * runaway match reads it again and again. The clock is read every 1,024 reads.
     */
    private static final class Bounded implements CharSequence {
        /** Thrown to end a match that runs too long; no stack trace, it is not an error. */
        static final class TooSlow extends RuntimeException {
            private static final long serialVersionUID = 1L;

            TooSlow() {
                super("regular expression too slow", null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        Bounded(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
                throw new TooSlow();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && name.equals(m.name) && operator == m.operator && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, operator, value);
    }

    @Override
    public String toString() {
        return name + operator.symbol() + value;
    }
}
