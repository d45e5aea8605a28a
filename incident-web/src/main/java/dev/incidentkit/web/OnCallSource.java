package dev.incidentkit.web;

import dev.incidentkit.core.oncall.OnCallConfig;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a server's on-call configuration lives: read on every on-call request and page, and
 * changed by the API's on-call writes ({@code PUT /api/v1/schedules/{id}} and the others). {@link
 * OnCallFile} keeps it in a file; {@link #readOnly} serves a host's supplier and refuses writes.
 *
 * <p>Implementations must be thread-safe: {@link #current()} is called on request threads,
 * concurrently with {@link #update}, and must be quick (no I/O on every call) and never return
 * {@code null}. {@link #update} must be atomic: a change is stored whole or not at all, and two
 * concurrent updates are applied one after the other, the second to the first's result, so that
 * neither is lost.
 *
 * @since 0.4.0
 */
public interface OnCallSource {

    /** @return the configuration as it is now; never {@code null} */
    OnCallConfig current();

    /**
     * Applies a change to the configuration as it is stored now and stores the result: all or
     * nothing. May block (on the disk, on other writers).
     *
     * @param change what to do to the stored configuration; what it throws (an {@link
     *     IllegalArgumentException}, an {@link dev.incidentkit.core.oncall.OnCallConfigException})
     *     reaches the caller unchanged and nothing is stored
     * @return what was stored
     * @throws OnCallReadOnlyException if this source cannot store changes at all
     * @throws OnCallWriteException if the change could not be stored (the disk failed, the stored
     *     configuration cannot be read); nothing is then changed
     */
    OnCallConfig update(UnaryOperator<OnCallConfig> change);

    /**
     * @param config the configuration as it is now, asked for on every request; thread-safe, quick, never {@code null}
     * @return a source that serves it and refuses every change with {@link OnCallReadOnlyException}
     */
    static OnCallSource readOnly(Supplier<OnCallConfig> config) {
        Objects.requireNonNull(config, "config");
        return new OnCallSource() {
            @Override
            public OnCallConfig current() {
                return Objects.requireNonNull(config.get(), "the on-call supplier's configuration");
            }

            @Override
            public OnCallConfig update(UnaryOperator<OnCallConfig> change) {
                throw new OnCallReadOnlyException();
            }

            @Override
            public String toString() {
                return "OnCallSource.readOnly(" + config + ")";
            }
        };
    }
}
