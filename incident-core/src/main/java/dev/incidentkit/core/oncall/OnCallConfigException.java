package dev.incidentkit.core.oncall;

import dev.incidentkit.core.IncidentException;

/**
 * An on-call configuration file ({@link OnCallConfig}) that cannot be read: not JSON, or JSON
 * that breaks the format. The message is one line that names the file, the line and column, and
 * the field by its path in the document, such as {@code oncall.json:14:9:
 * schedules[0].layers[1].rotation.kind: must be one of HOURLY, DAILY, WEEKLY, MONTHLY, got
 * "FORTNIGHTLY"}.
 *
 * @since 0.4.0
 */
public final class OnCallConfigException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * @param source the file's name, as the message shows it
     * @param line the line, from 1; 0 when unknown
     * @param column the column, from 1; 0 when unknown
     * @param path the field's path, such as {@code schedules[0].zone}; empty for the whole document
     * @param problem what is wrong, such as {@code must be an IANA zone id, got "Mars/Olympus"}
     */
    public OnCallConfigException(String source, int line, int column, String path, String problem) {
        super(source + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** @return the file's name, as given to {@link OnCallConfig#read} */
    public String source() {
        return source;
    }

    /** @return the line, from 1; 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the column, from 1; 0 when unknown */
    public int column() {
        return column;
    }

    /** @return the field's path, such as {@code schedules[0].layers[1].rotation.kind}; empty for the whole document */
    public String path() {
        return path;
    }

    /** @return what is wrong with it */
    public String problem() {
        return problem;
    }
}
