package dev.incidentkit.web.internal;

import dev.incidentkit.web.WebRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/** A Jetty request as the {@link WebRequest} an authenticator reads. */
public final class JettyWebRequest implements WebRequest {

    private final Request request;
    private final String path;

    public JettyWebRequest(Request request, String path) {
        this.request = Objects.requireNonNull(request, "request");
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    @Override
    public Optional<String> cookie(String name) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public InetAddress remoteAddress() {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }
}
