package dev.incidentkit.core.spi;

import java.util.Comparator;

/**
 * Where an event stands in a store's global order, and the checkpoint of a reader of {@link
 * EventStore#readAll}. Ordered by {@code commit}, then {@code position}.
 *
 * <p>{@code position} is the store-wide event number. {@code commit} orders commits: a store
 * that serializes its appends sets it equal to {@code position}; a store whose transactions
 * commit in another order than they take positions (PostgreSQL sequences) puts its commit order
 * here, such as the transaction id, so that readers never skip an event that commits late.
 *
 * @param commit the commit order, at least 0
 * @param position the global event number, at least 0
 * @since 0.1.0
 */
public record LogPosition(long commit, long position) implements Comparable<LogPosition> {

    /** Before the first event. */
    public static final LogPosition START = new LogPosition(0, 0);

    private static final Comparator<LogPosition> ORDER =
            Comparator.comparingLong(LogPosition::commit).thenComparingLong(LogPosition::position);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code commit} or {@code position} is negative
     */
    public LogPosition {
        if (commit < 0 || position < 0) {
            throw new IllegalArgumentException("commit and position must not be negative: " + commit + "/" + position);
        }
    }

    /**
     * @param position the global event number of a store whose commit order is its position order
     * @return the position with {@code commit == position}
     * @throws IllegalArgumentException if {@code position} is negative
     */
    public static LogPosition of(long position) {
        return new LogPosition(position, position);
    }

    @Override
    public int compareTo(LogPosition other) {
        return ORDER.compare(this, other);
    }

    /** @return {@code commit/position}, the form {@link #parse} reads */
    @Override
    public String toString() {
        return commit + "/" + position;
    }

    /**
     * @param text {@code commit/position} as {@link #toString()} writes it
     * @return the position
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static LogPosition parse(String text) {
        int slash = text.indexOf('/');
        try {
            return new LogPosition(Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a log position (commit/position): " + text, e);
        }
    }
}
