package dev.incidentkit.notify.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers as the test scripts it:
 * scripted answers are used in order, then the last one again and again; the default is 200 "ok".
 */
final class LoopbackServer implements AutoCloseable {

    /** One recorded request; header names in lower case. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            if (values == null || values.size() != 1) {
                throw new AssertionError("expected one " + name + " header, got " + values + " in " + headers);
            }
            return values.get(0);
        }

        Optional<String> optionalHeader(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(String.join(",", values));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer; {@code hang} answers never, until the server closes. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last = new Answer(200, Map.of(), "ok".getBytes(StandardCharsets.UTF_8), false);
    private final CountDownLatch release = new CountDownLatch(1);

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a URI on this server */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    LoopbackServer answer(int status, String body, String... headerNamesAndValues) {
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        script.add(new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    LoopbackServer answerBytes(int status, byte[] body) {
        script.add(new Answer(status, Map.of(), body, false));
        return this;
    }

    /** Never answers: the handler waits until {@link #close()}. */
    LoopbackServer hang() {
        script.add(new Answer(0, Map.of(), new byte[0], true));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        List<Request> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size());
        }
        return all.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
        }
        Answer answer = script.poll();
        if (answer == null) {
            answer = last;
        } else {
            last = answer;
        }
        if (answer.hang()) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    /** Releases hanging handlers and stops the server. */
    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** @return a loopback URI on which nothing listens: a port that was bound, then closed */
    static URI refusingUri() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
