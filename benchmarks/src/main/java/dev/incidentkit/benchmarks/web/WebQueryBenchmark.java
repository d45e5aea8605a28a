package dev.incidentkit.benchmarks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.benchmarks.jdbc.BenchmarkDatabase;
import dev.incidentkit.benchmarks.jdbc.ReadModelDataSet;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.web.IncidentWeb;
import dev.incidentkit.web.internal.JettyServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14: {@code GET /api/v1/incidents?status=active} on a store of 20,000 incidents, 16
 * concurrent clients on loopback, beside the same Jetty server answering every request with the
 * bytes the API returned once at setup, in the same run.
 *
 * <ul>
 *   <li>{@code incidentKit}: {@link IncidentWeb} (default settings but port 0 and the local actor
 *       {@code bench}) over {@link JdbcEventStore#h2(String, String, String, Duration)} on the H2 file of {@link
 *       ReadModelDataSet}: 20,000 incidents of the read-model benchmarks' mix, 300 of them active.
 *       The answer is the first page of the active ones ({@value IncidentQuery#DEFAULT_LIMIT},
 *       newest first, and a next cursor).
 *   <li>{@code preRendered}: a server made by the same {@link JettyServers#create} (thread pool,
 *       HTTP configuration, connector, connection limit) with the same pool size, whose blocking
 *       handler sets the same security headers and content type and writes those bytes: HTTP on
 *       loopback and nothing else.
 * </ul>
 *
 * <p>H2 on a file, not the memory store: it is what {@code im serve} serves, and the read model's
 * indexed query is what an embedded host pays; the data set is the read-model benchmarks' own,
 * made once and kept on disk ({@link ReadModelDataSet}).
 *
 * <p>Each of the 16 JMH threads is one client with its own {@link HttpClient} (HTTP/1.1, so one
 * kept-alive connection each): 16 clients as the issue has them. One shared client would pass all
 * 16 connections through its one selector thread, a bottleneck of the client's, not the server's.
 * An operation is one GET whose whole body is read as bytes and whose status and length are
 * checked. Clients and servers share the machine's cores, the same for both sides.
 *
 * <p>The setup checks that both servers answer the same bytes with the same headers (the date
 * aside) before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(WebQueryBenchmark.CLIENTS)
public class WebQueryBenchmark {

    /** Concurrent clients, one JMH thread each. */
    static final int CLIENTS = 16;
    /** The servers' pool: IncidentWeb's default, set explicitly on both. */
    private static final int SERVER_THREADS = 16;
    private static final String PATH = "/api/v1/incidents?status=active";

    /** Incidents in the store. */
    @Param("20000")
    public int incidents;

    /** How many of them are active. */
    @Param("300")
    public int active;

    private JdbcEventStore store;
    private IncidentManager manager;
    private IncidentWeb web;
    private IncidentWeb uncachedWeb;
    private URI uncachedApi;
    private Server preRenderedServer;
    private URI api;
    private URI baseline;
    private int bodyLength;

    /** Opens (or first makes) the data set, starts both servers and checks that they answer alike. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path file;
        try (BenchmarkDatabase db = ReadModelDataSet.open(BenchmarkDatabase.Kind.H2, incidents, active)) {
            file = db.h2File();
        }
        // The data set's user: BenchmarkDatabase opens it without one.
        store = JdbcEventStore.h2("jdbc:h2:file:" + file, "", "", Duration.ofSeconds(30));
        manager = ReadModelDataSet.manager(store);
        web = IncidentWeb.builder(manager).port(0).localActor(Actor.of("bench")).maxThreads(SERVER_THREADS).start();
        api = web.uri().resolve(PATH);
        uncachedWeb = IncidentWeb.builder(manager).port(0).localActor(Actor.of("bench")).maxThreads(SERVER_THREADS)
                .cachedQueries(0).start();
        uncachedApi = uncachedWeb.uri().resolve(PATH);
        HttpClient client = client();
        HttpResponse<byte[]> first = client.send(request(api), HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("GET " + api + " answered " + first.statusCode() + ": "
                    + new String(first.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] body = first.body();
        bodyLength = body.length;
        JsonNode page = new ObjectMapper().readTree(body);
        int listed = page.get("incidents").size();
        int expected = Math.min(active, IncidentQuery.DEFAULT_LIMIT);
        if (listed != expected || page.get("next_cursor").isNull() != (active <= expected)) {
            throw new IllegalStateException("GET " + api + " listed " + listed + " incidents, next_cursor "
                    + page.get("next_cursor") + "; expected " + expected);
        }
        String contentType = first.headers().firstValue("Content-Type").orElseThrow();

        JettyServers.Settings settings = JettyServers.Settings.ofDefaults().withPort(0).withMaxThreads(SERVER_THREADS);
        preRenderedServer = JettyServers.create(settings, new PreRendered(body, contentType));
        preRenderedServer.start();
        baseline = JettyServers.uri(preRenderedServer, settings).resolve(PATH);
        HttpResponse<byte[]> copy = client.send(request(baseline), HttpResponse.BodyHandlers.ofByteArray());
        if (copy.statusCode() != 200 || !Arrays.equals(copy.body(), body)
                || !headers(copy.headers()).equals(headers(first.headers()))) {
            throw new IllegalStateException("the pre-rendered server answers " + copy.statusCode() + " "
                    + headers(copy.headers()) + " and " + copy.body().length + " bytes; the API "
                    + headers(first.headers()) + " and " + body.length + " bytes");
        }
        System.out.printf(Locale.ROOT, "%nGET %s: %,d bytes of %s, %d incidents listed; headers %s%n", PATH,
                body.length, contentType, listed, headers(first.headers()));
    }

    /** Stops both servers, then the manager and the store (the data set's files are kept). */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        preRenderedServer.stop();
        web.close();
        uncachedWeb.close();
        manager.close();
        store.close();
    }

    /** One client: its own {@link HttpClient} and connection. */
    @State(Scope.Thread)
    public static class Client {
        HttpClient http;
        HttpRequest api;
        HttpRequest uncached;
        HttpRequest preRendered;

        /** Makes this thread's client and its two requests. */
        @Setup(Level.Trial)
        public void setUp(WebQueryBenchmark servers) {
            http = client();
            api = request(servers.api);
            uncached = request(servers.uncachedApi);
            preRendered = request(servers.baseline);
        }
    }

    /**
     * The API as it is set up by default: the first page of the active incidents, rendered from
     * the store once, then reused while the event log's head does not move (nothing is recorded
     * during the run), each request still asking the store for that head.
     */
    @Benchmark
    public int incidentKit(Client client) throws IOException, InterruptedException {
        return get(client.http, client.api);
    }

    /** The API without its kept answers ({@code cachedQueries(0)}): every request queries the store and renders the page. */
    @Benchmark
    public int incidentKitUncached(Client client) throws IOException, InterruptedException {
        return get(client.http, client.uncached);
    }

    /** The same bytes, pre-rendered, from the same kind of server. */
    @Benchmark
    public int preRendered(Client client) throws IOException, InterruptedException {
        return get(client.http, client.preRendered);
    }

    private int get(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length != bodyLength) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + " with "
                    + response.body().length + " bytes, expected 200 with " + bodyLength);
        }
        return response.body().length;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).GET().header("Accept", "application/json").build();
    }

    /** The headers that must be equal: all but the date. */
    private static Map<String, java.util.List<String>> headers(HttpHeaders headers) {
        Map<String, java.util.List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers.map());
        out.remove("date");
        return out;
    }

    /** Answers every request with the same status, headers and bytes, on the pool as the API's handler does. */
    private static final class PreRendered extends Handler.Abstract {
        private final byte[] body;
        private final String contentType;

        PreRendered(byte[] body, String contentType) {
            super(InvocationType.BLOCKING);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            JettyServers.applySecurityHeaders(response.getHeaders());
            response.getHeaders().put("Content-Type", contentType);
            response.write(true, ByteBuffer.wrap(body).asReadOnlyBuffer(), callback);
            return true;
        }
    }
}
