/**
 * The public status page: {@code GET /status} (HTML), {@code /status.json} (the versioned JSON
 * format {@code incidentkit-status/1}, documented in the OpenAPI document) and {@code
 * /status.atom} (an Atom 1.0 feed of the public updates), served without authentication, from
 * {@link dev.incidentkit.core.statuspage.StatusPages} only: nothing but public updates reaches
 * these representations. Internal: free to change; the formats are the contract.
 */
@NullMarked
package dev.incidentkit.web.internal.status;

import org.jspecify.annotations.NullMarked;
