/** An example notifier plugin: what a team writes to send incident events somewhere of its own. */
@NullMarked
package dev.incidentkit.examples.plugin;

import org.jspecify.annotations.NullMarked;
