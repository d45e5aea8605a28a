package dev.incidentkit.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.StoreException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The event-id index answers as a {@code HashMap} would, across growth and colliding ids. */
class EventIdIndexProperties {

    @Property
    void findsEveryIndexedIdAndNoOther(@ForAll("ids") @Size(max = 300) List<UUID> ids,
                                       @ForAll("ids") @Size(max = 50) List<UUID> probes) {
        EventIdIndex index = new EventIdIndex(2);
        Map<UUID, Integer> model = new HashMap<>();
        for (UUID id : ids) {
            if (!model.containsKey(id)) {
                index.reserve(1);
                index.put(id, model.size());
                model.put(id, model.size());
            }
        }
        assertThat(index.size()).isEqualTo(model.size());
        for (UUID id : ids) {
            assertThat(index.get(id)).isEqualTo(model.get(id));
        }
        for (UUID probe : probes) {
            assertThat(index.get(probe)).isEqualTo(model.getOrDefault(probe, -1));
        }
    }

    @Example
    void refusesToGrowPastItsLargestTableBeforeAnythingIsWritten() {
        EventIdIndex index = new EventIdIndex(2);
        assertThatThrownBy(() -> index.reserve((1 << 28) + 1)).isInstanceOf(StoreException.class).hasMessageContaining("full");
        assertThat(index.size()).isZero();
        index.reserve(3);
        index.put(new UUID(1, 2), 0);
        assertThat(index.get(new UUID(1, 2))).isZero();
    }

    /** Few distinct halves, so that ids share bits and slots and the probing is exercised. */
    @Provide
    Arbitrary<List<UUID>> ids() {
        Arbitrary<Long> half = Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 3),
                Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0x7000L << 48));
        return half.tuple2().map(t -> new UUID(t.get1(), t.get2())).list();
    }
}
