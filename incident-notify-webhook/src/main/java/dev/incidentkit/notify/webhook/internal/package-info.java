/**
 * The HTTP, JSON and escaping helpers the built-in notifiers share. Not an API: anything here may
 * change in any release without notice. Depend on {@code dev.incidentkit.notify.webhook} instead.
 */
@NullMarked
package dev.incidentkit.notify.webhook.internal;

import org.jspecify.annotations.NullMarked;
