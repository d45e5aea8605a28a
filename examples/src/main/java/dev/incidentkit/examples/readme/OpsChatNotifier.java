package dev.incidentkit.examples.readme;

// tag::notifier[]
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts one line per notification to a team chat's incoming-message URL. */
public final class OpsChatNotifier implements Notifier {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI chat;

    public OpsChatNotifier(URI chat) {
        this.chat = chat;
    }

    @Override
    public String name() {
        return "ops-chat";                                         // keys the checkpoint: keep it stable
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        String line = n.incidentId() + " " + n.severity() + " " + n.status() + ": " + n.title();
        HttpRequest post = HttpRequest.newBuilder(chat).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(line)).build();
        try {
            int status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return DeliveryResult.delivered();
            }
            return status == 429 || status >= 500 ? DeliveryResult.retryLater("chat answered " + status)
                    : DeliveryResult.failed("chat answered " + status);         // retrying cannot help
        } catch (IOException e) {
            return DeliveryResult.retryLater(e.toString());                   // the dispatcher backs off
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryLater("interrupted");
        }
    }
}
// end::notifier[]
