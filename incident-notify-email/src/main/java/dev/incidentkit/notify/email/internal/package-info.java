/**
 * The SMTP, MIME and escaping helpers of the email notifier. Not an API: anything here may change
 * in any release without notice. Depend on {@code dev.incidentkit.notify.email} instead.
 */
@NullMarked
package dev.incidentkit.notify.email.internal;

import org.jspecify.annotations.NullMarked;
