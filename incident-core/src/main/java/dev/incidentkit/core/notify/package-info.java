/**
 * Notifications: which events reach which notifier ({@link dev.incidentkit.core.notify.Route}),
 * how the dispatcher delivers them ({@link dev.incidentkit.core.notify.DeliverySettings}), and
 * what a host can see and do about deliveries that failed ({@link
 * dev.incidentkit.core.notify.Notifications}, {@link dev.incidentkit.core.notify.DeadLetter}).
 * Notifiers themselves implement {@code dev.incidentkit.notify.spi.Notifier} and are registered
 * with {@code IncidentKit.builder().notifier(..)} or found by {@link
 * dev.incidentkit.core.notify.NotifierDiscovery}.
 *
 * <p>Delivery is at least once: each notifier reads the store's global order on a thread of its
 * own, from a checkpoint it saves after each event, so that a restart goes on where the last
 * process stopped. A notifier sees the events of one incident in the order they were recorded;
 * the CloudEvent id of a notification is stable across attempts and processes, and is the
 * idempotency key a destination can deduplicate on.
 */
@NullMarked
package dev.incidentkit.core.notify;

import org.jspecify.annotations.NullMarked;
