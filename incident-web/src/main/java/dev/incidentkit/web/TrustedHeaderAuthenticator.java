package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.web.internal.AddressRange;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Authenticates requests by a header that a single-sign-on proxy sets, such as {@code
 * X-Forwarded-User}, believed only when the request's peer is one of the trusted proxies.
 *
 * <ul>
 *   <li>No such header: empty, whoever the peer.
 *   <li>The header from a peer that is not a trusted proxy: {@link AuthenticationException}
 *       ("… from an untrusted address"). Refusing rather than ignoring makes a misconfigured
 *       proxy list (or someone trying the header) visible at once as a 401, instead of a request
 *       quietly served as somebody else by the next authenticator.
 *   <li>The header from a trusted proxy: a {@link Principal} with {@link Principal.Scheme#PROXY}
 *       acting as the header's value (stripped of surrounding blanks); a value that is not a
 *       valid {@link Actor} name: {@link AuthenticationException}.
 * </ul>
 *
 * <p>This authenticator says who calls, not what they may do: that is the authorizer's job. With
 * {@code RoleBasedAuthorizer.of(credentials::roleOf)}, a proxy user needs an entry in {@link
 * Credentials} (added without a password); a host that wants a default role for everyone the proxy
 * lets through can wrap that function ({@code a -> credentials.roleOf(a).or(() ->
 * Optional.of(VIEWER))}).
 *
 * <p>The proxy must remove the header from what clients send, or a client could name anyone. The
 * peer is {@link WebRequest#remoteAddress()}, the address that connected; {@code X-Forwarded-For}
 * is never read. Thread-safe; logs nothing.
 *
 * @since 0.2.0
 */
public final class TrustedHeaderAuthenticator implements Authenticator {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String header;
    private final List<AddressRange> trusted;

    private TrustedHeaderAuthenticator(String header, List<AddressRange> trusted) {
        this.header = header;
        this.trusted = trusted;
    }

    /**
     * @param header the header's name, such as {@code X-Forwarded-User}
     * @param trustedProxies the proxies' addresses or CIDR ranges, IPv4 or IPv6, such as {@code
     *     10.0.0.0/8}, {@code 192.168.1.5}, {@code fd00::/8} or {@code ::1}; never host names
     * @return the authenticator
     * @throws IllegalArgumentException naming the bad value if the header name is not an HTTP
     *     token, an entry is not an address or range, or there are no entries
     */
    public static TrustedHeaderAuthenticator of(String header, Collection<String> trustedProxies) {
        Objects.requireNonNull(header, "header");
        if (!TOKEN.matcher(header).matches()) {
            throw new IllegalArgumentException("Header name \"" + header + "\" is not a valid HTTP header name.");
        }
        if (trustedProxies.isEmpty()) {
            throw new IllegalArgumentException("At least one trusted proxy address is needed for header " + header + ".");
        }
        return new TrustedHeaderAuthenticator(header, trustedProxies.stream().map(AddressRange::parse).toList());
    }

    /**
     * @param address a peer's address
     * @return whether it is one of the trusted proxies
     */
    public boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public Optional<Principal> authenticate(WebRequest request) {
        Optional<String> value = request.header(header);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        InetAddress peer = request.remoteAddress();
        if (!trusts(peer)) {
            throw new AuthenticationException("The " + header + " header came from an untrusted address, "
                    + peer.getHostAddress() + ".");
        }
        try {
            return Optional.of(new Principal(Actor.of(value.get().strip()), Principal.Scheme.PROXY));
        } catch (ValidationException e) {
            throw new AuthenticationException("The " + header + " header from the proxy is not a valid user name: "
                    + "it " + e.rule() + ".");
        }
    }

    @Override
    public String toString() {
        return "TrustedHeaderAuthenticator[" + header + " from " + trusted + "]";
    }
}
