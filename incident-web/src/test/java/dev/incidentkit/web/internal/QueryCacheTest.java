package dev.incidentkit.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.spi.LogPosition;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class QueryCacheTest {

    final AtomicReference<LogPosition> head = new AtomicReference<>(LogPosition.of(7));
    /** A manager that answers only head(), with the test's value. */
    final IncidentManager incidents = (IncidentManager) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {IncidentManager.class}, (proxy, method, args) -> {
                if (method.getName().equals("head")) {
                    return head.get();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    final AtomicInteger renders = new AtomicInteger();
    final Supplier<ApiResponse> render = () -> ApiResponse.json(200, "{\"n\":" + renders.incrementAndGet() + "}");
    final Map<String, List<String>> active = Map.of("status", List.of("active"), "limit", List.of("50"));

    @Test
    void anAnswerIsReusedWhileNothingIsRecorded() {
        QueryCache cache = new QueryCache(incidents, 4);
        ApiResponse first = cache.answer(active, render);
        assertThat(cache.answer(Map.of("limit", List.of("50"), "status", List.of("active")), render)).isSameAs(first);
        assertThat(renders).hasValue(1);

        head.set(LogPosition.of(8));
        assertThat(cache.answer(active, render)).isNotSameAs(first);
        assertThat(renders).hasValue(2);
    }

    @Test
    void aWriteThroughThisServerIsSeenAtOnceEvenBeforeTheHeadMoves() {
        QueryCache cache = new QueryCache(incidents, 4);
        cache.answer(active, render);
        cache.written();
        cache.answer(active, render);
        assertThat(renders).hasValue(2);
    }

    @Test
    void eachQueryHasItsOwnAnswerAndTheLeastRecentlyUsedGoesFirst() {
        QueryCache cache = new QueryCache(incidents, 2);
        Map<String, List<String>> all = Map.of();
        Map<String, List<String>> sev1 = Map.of("severity", List.of("SEV-1"));
        cache.answer(active, render);
        cache.answer(all, render);
        cache.answer(active, render);
        cache.answer(sev1, render);
        assertThat(renders).hasValue(3);
        cache.answer(active, render);
        assertThat(renders).as("still kept").hasValue(3);
        cache.answer(all, render);
        assertThat(renders).as("dropped for sev1").hasValue(4);
    }

    @Test
    void withNoCapacityEveryAnswerIsRendered() {
        QueryCache cache = new QueryCache(incidents, 0);
        cache.answer(active, render);
        cache.answer(active, render);
        assertThat(renders).hasValue(2);
    }
}
