package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.spi.EventRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123456Z");

    private static EventRecord sample() {
        return Events.records("INC-2025-001", 0, HashChain.GENESIS,
                List.of(new IncidentEvent.NoteAdded("DB failover started")), AT, AT.plusSeconds(1), Actor.of("alice"),
                Optional.of("cmd-1")).get(0);
    }

    private static EventRecord copy(EventRecord r, UnaryOperator<Builder> change) {
        return change.apply(new Builder(r)).build();
    }

    /** A mutable copy of a record, so that each test changes exactly one field. */
    private static final class Builder {
        UUID eventId;
        String incidentId;
        long version;
        String type;
        int schemaVersion;
        Instant occurredAt;
        Instant recordedAt;
        String actor;
        Optional<String> commandId;
        String data;
        String prevHash;
        String hash;

        Builder(EventRecord r) {
            eventId = r.eventId();
            incidentId = r.incidentId();
            version = r.version();
            type = r.type();
            schemaVersion = r.schemaVersion();
            occurredAt = r.occurredAt();
            recordedAt = r.recordedAt();
            actor = r.actor();
            commandId = r.commandId();
            data = r.data();
            prevHash = r.prevHash();
            hash = r.hash();
        }

        EventRecord build() {
            return new EventRecord(eventId, incidentId, version, type, schemaVersion, occurredAt, recordedAt, actor,
                    commandId, data, prevHash, hash);
        }
    }

    @Test
    void genesisIs64Zeros() {
        assertThat(HashChain.GENESIS).hasSize(64).matches("0{64}");
    }

    @Test
    void theHashIsSha256HexOverTheRecord() {
        EventRecord r = sample();
        assertThat(r.hash()).matches("[0-9a-f]{64}").isNotEqualTo(HashChain.GENESIS);
        assertThat(HashChain.hash(r)).isEqualTo(r.hash());
        // The stored hash itself is not an input: a record with any hash hashes the same.
        assertThat(HashChain.hash(copy(r, b -> {
            b.hash = "";
            return b;
        }))).isEqualTo(r.hash());
    }

    @Test
    void changingAnySingleFieldChangesTheHash() {
        EventRecord r = sample();
        List<UnaryOperator<Builder>> changes = List.of(
                b -> { b.eventId = new UUID(b.eventId.getMostSignificantBits(), b.eventId.getLeastSignificantBits() ^ 1); return b; },
                b -> { b.incidentId = "INC-2025-002"; return b; },
                b -> { b.version = 2; return b; },
                b -> { b.type = "incident.canceled"; return b; },
                b -> { b.schemaVersion = 2; return b; },
                b -> { b.occurredAt = b.occurredAt.plusNanos(1000); return b; },
                b -> { b.recordedAt = b.recordedAt.minusNanos(1000); return b; },
                b -> { b.actor = "mallory"; return b; },
                b -> { b.actor = "alice "; return b; },
                b -> { b.commandId = Optional.empty(); return b; },
                b -> { b.commandId = Optional.of("cmd-2"); return b; },
                b -> { b.data = b.data.replace("started", "finished"); return b; },
                b -> { b.data = b.data + " "; return b; },
                b -> { b.prevHash = "1" + HashChain.GENESIS.substring(1); return b; });
        for (int i = 0; i < changes.size(); i++) {
            EventRecord changed = copy(r, changes.get(i));
            assertThat(changed).as("change %d", i).isNotEqualTo(r);
            assertThat(HashChain.hash(changed)).as("change %d", i).isNotEqualTo(r.hash());
        }
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // Moving text from one field to its neighbour must not keep the hash (length prefixes).
        EventRecord r = sample();
        EventRecord shifted = copy(r, b -> {
            b.actor = "alicecmd-";
            b.commandId = Optional.of("1");
            return b;
        });
        assertThat(HashChain.hash(shifted)).isNotEqualTo(r.hash());
        EventRecord noCommand = copy(r, b -> {
            b.commandId = Optional.empty();
            return b;
        });
        EventRecord emptyCommand = copy(r, b -> {
            b.commandId = Optional.of("");
            return b;
        });
        // The only collision the format allows: an empty command id is no command id, and
        // CommandContext rejects empty ids, so it never reaches a record.
        assertThat(HashChain.hash(noCommand)).isEqualTo(HashChain.hash(emptyCommand));
    }

    @Test
    void unpairedSurrogatesWouldShareAHashWithQuestionMarksSoNoTextMayHoldThem() {
        // UTF-8 turns a lone surrogate into '?': the chain could not tell the two texts apart.
        EventRecord r = sample();
        EventRecord lone = copy(r, b -> {
            b.data = "{\"note\":\"\uD800\"}";
            return b;
        });
        EventRecord question = copy(r, b -> {
            b.data = "{\"note\":\"?\"}";
            return b;
        });
        assertThat(HashChain.hash(lone)).isEqualTo(HashChain.hash(question));
        // So the input rules keep them out of every event.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventData.decode("incident.note_added", 1, lone.data()))
                .isInstanceOf(dev.incidentkit.core.ValidationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Validation.note("note", "\uD800"))
                .isInstanceOf(dev.incidentkit.core.ValidationException.class);
    }

    @Test
    void recordsOfOneAppendAreChainedAndNumbered() {
        List<IncidentEvent> events = List.of(new IncidentEvent.NoteAdded("one"), new IncidentEvent.NoteAdded("two"),
                new IncidentEvent.Canceled("three"));
        List<EventRecord> first = Events.records("INC-2025-001", 0, HashChain.GENESIS, events, AT, AT, Actor.of("bob"),
                Optional.empty());
        List<EventRecord> next = Events.records("INC-2025-001", 3, first.get(2).hash(),
                List.of(new IncidentEvent.NoteAdded("four")), AT, AT, Actor.of("bob"), Optional.empty());
        assertThat(first).extracting(EventRecord::version).containsExactly(1L, 2L, 3L);
        assertThat(first.get(0).prevHash()).isEqualTo(HashChain.GENESIS);
        assertThat(first.get(1).prevHash()).isEqualTo(first.get(0).hash());
        assertThat(first.get(2).prevHash()).isEqualTo(first.get(1).hash());
        assertThat(next.get(0).version()).isEqualTo(4);
        assertThat(next.get(0).prevHash()).isEqualTo(first.get(2).hash());
        for (EventRecord r : List.of(first.get(0), first.get(1), first.get(2), next.get(0))) {
            assertThat(HashChain.hash(r)).isEqualTo(r.hash());
        }
        assertThat(first).extracting(EventRecord::hash).doesNotHaveDuplicates();
    }

    @Test
    void theSameContentAfterAnotherPredecessorHashesDifferently() {
        EventRecord r = sample();
        EventRecord relinked = copy(r, b -> {
            b.prevHash = HashChain.hash(r);
            return b;
        });
        assertThat(HashChain.hash(relinked)).isNotEqualTo(r.hash());
    }
}
