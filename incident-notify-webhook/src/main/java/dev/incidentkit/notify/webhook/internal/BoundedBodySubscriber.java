package dev.incidentkit.notify.webhook.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the first {@code limit} bytes of a response body and cancels the rest, so that a
 * destination answering with an endless body can neither exhaust memory nor hold the call past its
 * deadline. (JDK 17 has no limiting body handler of its own.)
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    BoundedBodySubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = Math.min(item.remaining(), limit - kept.size());
            byte[] chunk = new byte[n];
            item.get(chunk);
            kept.write(chunk, 0, n);
            if (kept.size() >= limit) {
                body.complete(kept.toByteArray());
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
                return;
            }
        }
        Flow.Subscription s = subscription;
        if (s != null) {
            s.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        // A body cut short after the status line still tells the status: keep what arrived.
        body.complete(kept.toByteArray());
    }

    @Override
    public void onComplete() {
        body.complete(kept.toByteArray());
    }
}
