package dev.incidentkit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request for authenticator tests: headers, cookies and a peer, nothing else. */
final class TestRequest implements WebRequest {

    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> cookies = new HashMap<>();
    private InetAddress peer;

    private TestRequest(InetAddress peer) {
        this.peer = peer;
    }

    static TestRequest from(String address) {
        try {
            return new TestRequest(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static TestRequest get() {
        return from("127.0.0.1");
    }

    TestRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    TestRequest cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/api/v1/incidents";
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    @Override
    public InetAddress remoteAddress() {
        return peer;
    }

    @Override
    public boolean secure() {
        return false;
    }
}
