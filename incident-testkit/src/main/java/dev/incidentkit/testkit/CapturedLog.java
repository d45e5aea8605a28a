package dev.incidentkit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lines logged through slf4j-simple while it is open, for tests that count what was logged
 * at WARN and ERROR. slf4j-simple writes to {@code System.err} as it is at each call (unless
 * {@code org.slf4j.simpleLogger.cacheOutputStream} is set), so this puts a stream there that
 * keeps each line and passes it on, and {@link #close()} puts the old one back. Lines look like
 * {@code [thread] WARN logger - message}; stack traces follow on lines of their own.
 *
 * <p>The capture sees every thread of the JVM: filter by something only the test's own lines
 * carry, such as a notifier's name. A test module that logs through another SLF4J provider, or
 * through none, captures nothing.
 *
 * @since 0.1.0
 */
public final class CapturedLog implements AutoCloseable {

    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\[[^\\]]*\\] (WARN|ERROR) .*");

    private final PrintStream original;
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private CapturedLog() {
        this.original = System.err;
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    /** @return a capture that has started */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** @return every complete line written since the start, stack traces included */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param text what the lines must contain, such as a notifier's name
     * @return the lines logged at WARN or ERROR that contain {@code text}, in order
     */
    public List<String> warningsAndErrors(String text) {
        return lines().stream().filter(l -> WARN_OR_ERROR.matcher(l).matches() && l.contains(text))
                .collect(Collectors.toList());
    }

    /** Puts back the {@code System.err} that was there at the start. */
    @Override
    public void close() {
        System.setErr(original);
    }

    private final class Tee extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (CapturedLog.this) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        String line = partial.toString(StandardCharsets.UTF_8);
                        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                        partial.reset();
                    } else {
                        partial.write(b[i]);
                    }
                }
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
