/**
 * The dashboard: server-rendered pages over the same manager and authorizer as the JSON API,
 * whose writes go through that API from a few lines of the module's own JavaScript. Internal.
 */
package dev.incidentkit.web.internal.pages;
