package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import java.util.Objects;

/**
 * A part of the product customers see on the status page: a service, and how it works now.
 *
 * @param name the service's name, such as {@code checkout}
 * @param status the worst impact among the unresolved public incidents that affect it;
 *     {@link ComponentStatus#OPERATIONAL} when none does
 * @since 0.5.0
 */
public record Component(String name, ComponentStatus status) {

    /** Checks that no component is null. */
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
