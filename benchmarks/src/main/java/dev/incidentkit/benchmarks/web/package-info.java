/**
 * JMH benchmarks of the HTTP API ({@code incident-web}) on loopback, each beside a server with
 * the same Jetty setup that answers pre-rendered bytes, in the same run.
 */
@NullMarked
package dev.incidentkit.benchmarks.web;

import org.jspecify.annotations.NullMarked;
