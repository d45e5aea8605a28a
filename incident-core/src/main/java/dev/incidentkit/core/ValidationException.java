package dev.incidentkit.core;

/**
 * Input that breaks a rule: a blank title, an unknown severity, a date in the future. Thrown
 * before anything is written.
 *
 * @since 0.1.0
 */
public final class ValidationException extends IncidentException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 60;

    private final String field;
    private final String rule;
    private final String shownValue;

    /**
     * @param field the field that was wrong, such as {@code title}
     * @param rule what it must be, such as {@code must be 1 to 200 characters}
     * @param value the rejected value, quoted (shortened) in the message
     */
    public ValidationException(String field, String rule, Object value) {
        super(field + " " + rule + ", got " + quote(value));
        this.field = field;
        this.rule = rule;
        this.shownValue = quote(value);
    }

    /** @return the field that was wrong, such as {@code title} */
    public String field() {
        return field;
    }

    /** @return the rule it broke, such as {@code must be 1 to 200 characters} */
    public String rule() {
        return rule;
    }

    /**
     * @return the rejected value as the message shows it: in double quotes, control characters
     *     escaped, shortened to 60 characters (for a caller that words the message its own way)
     * @since 0.1.0
     */
    public String shownValue() {
        return shownValue;
    }

    private static String quote(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().limit(SHOWN).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > SHOWN) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
