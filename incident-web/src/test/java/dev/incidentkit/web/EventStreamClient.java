package dev.incidentkit.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client of {@code GET /api/v1/events} that reads the stream as a browser's EventSource
 * would, with blocking reads (callers bound them with {@code assertTimeoutPreemptively}).
 * Closing it drops the connection.
 */
final class EventStreamClient implements AutoCloseable {

    /** One frame with an {@code id}: an event. */
    record Frame(String id, String data) {
        JsonNode json() {
            try {
                return WebHarness.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final HttpResponse<InputStream> response;
    private final BufferedReader reader;
    /** Every line read, frames' lines and comments and retry lines alike. */
    final List<String> lines = new ArrayList<>();

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    static EventStreamClient open(HttpClient http, HttpRequest request) {
        try {
            return new EventStreamClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    /** @return the next line, empty at the end of the stream */
    Optional<String> line() throws IOException {
        String line = reader.readLine();
        if (line != null) {
            lines.add(line);
        }
        return Optional.ofNullable(line);
    }

    /**
     * Reads up to the next frame with an id, skipping the {@code retry} frame and heartbeats.
     *
     * @throws IOException at the end of the stream
     */
    Frame next() throws IOException {
        String id = null;
        StringBuilder data = new StringBuilder();
        while (true) {
            String line = line().orElseThrow(() -> new IOException("end of stream; read so far: " + lines));
            if (line.isEmpty()) {
                if (id != null) {
                    return new Frame(id, data.toString());
                }
                data.setLength(0);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
    }

    /** @return the next {@code n} frames with an id */
    List<Frame> next(int n) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(next());
        }
        return frames;
    }

    /** @return the body as text, for a stream refused with a problem */
    String body() throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
