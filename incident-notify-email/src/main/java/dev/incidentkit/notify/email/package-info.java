/**
 * IncidentKit's email notifier, {@link dev.incidentkit.notify.email.EmailNotifier}: notifications
 * as mail over SMTP (Jakarta Mail, Eclipse Angus), to stakeholder lists chosen by route, and pages
 * to a person's own address ({@code email} contact kind).
 *
 * <p>Built explicitly with its builder and registered with the IncidentKit builder; not listed for
 * {@link java.util.ServiceLoader}, since it cannot work without a server and addresses that only
 * the host knows. Each notification is one SMTP session, bounded by the connect, read and write
 * timeouts, and its outcome a {@link dev.incidentkit.notify.spi.DeliveryResult}: delivered when the
 * server took the message; retried later on a 4xx reply, a refused, timed-out or dropped
 * connection or a TLS failure; failed on a 5xx reply (a refused mailbox, a refused login).
 */
@NullMarked
package dev.incidentkit.notify.email;

import org.jspecify.annotations.NullMarked;
