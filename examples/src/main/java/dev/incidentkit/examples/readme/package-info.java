/**
 * The README's Java examples. Each README code block is a tagged region of a file here (between
 * {@code // tag::NAME[]} and {@code // end::NAME[]}), which {@code ReadmeTest} keeps equal, and each
 * file is compiled and run by a test of its own.
 */
@NullMarked
package dev.incidentkit.examples.readme;

import org.jspecify.annotations.NullMarked;
