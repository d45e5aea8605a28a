package dev.incidentkit.web;

import dev.incidentkit.core.IncidentException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A credentials file could not be read or written: it is missing a field, has an unknown {@code
 * format}, holds a value it may not, or the disk failed. The message names the file and, where
 * there is one, the field, such as {@code users[2].role}; it never holds a hash or a secret.
 *
 * @since 0.2.0
 */
public final class CredentialsFileException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;

    /**
     * @param file the file
     * @param field the field that is wrong, such as {@code format}
     * @param problem what is wrong with it, such as {@code is "x", expected "y"}
     */
    public CredentialsFileException(Path file, String field, String problem) {
        super("Credentials file " + file + ": " + field + " " + problem + ".");
        this.file = file.toString();
        this.field = field;
    }

    /**
     * @param file the file
     * @param problem what failed, such as {@code cannot be read}
     * @param cause the underlying failure
     */
    public CredentialsFileException(Path file, String problem, Throwable cause) {
        super("Credentials file " + file + " " + problem + ": " + cause.getMessage(), cause);
        this.file = file.toString();
        this.field = "";
    }

    /** @return the file, as given */
    public String file() {
        return file;
    }

    /** @return the field that is wrong, if the problem lies in one */
    public Optional<String> field() {
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }
}
