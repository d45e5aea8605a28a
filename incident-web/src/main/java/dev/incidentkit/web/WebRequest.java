package dev.incidentkit.web;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What an {@link Authenticator} may read of a request: its line, headers, cookies and where it
 * came from. Never its body.
 *
 * @since 0.2.0
 */
public interface WebRequest {

    /** @return the method, such as {@code GET} */
    String method();

    /** @return the path, decoded, without the query, such as {@code /api/v1/incidents} */
    String path();

    /**
     * @param name a header's name, in any case
     * @return its first value, if the request has it
     */
    Optional<String> header(String name);

    /**
     * @param name a cookie's name
     * @return its value, if the request has it
     */
    Optional<String> cookie(String name);

    /** @return the address of the peer that connected: a proxy's, if there is one */
    InetAddress remoteAddress();

    /** @return whether the request came over TLS */
    boolean secure();
}
