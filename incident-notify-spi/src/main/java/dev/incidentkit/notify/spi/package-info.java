/**
 * The notifier SPI: what a notifier plugin implements to receive incident notifications.
 *
 * <p>A plugin implements {@link dev.incidentkit.notify.spi.Notifier}, is registered explicitly with
 * the IncidentKit builder or listed in {@code META-INF/services/dev.incidentkit.notify.spi.Notifier}
 * for {@link java.util.ServiceLoader} discovery, and answers every {@link
 * dev.incidentkit.notify.spi.Notification} with a {@link dev.incidentkit.notify.spi.DeliveryResult}.
 * This module depends on the CloudEvents API only, and never on IncidentKit's core.
 */
@NullMarked
package dev.incidentkit.notify.spi;

import org.jspecify.annotations.NullMarked;
