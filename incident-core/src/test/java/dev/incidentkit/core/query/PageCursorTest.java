package dev.incidentkit.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cursor reads back as itself, and anything else is refused as a cursor. */
class PageCursorTest {

    private static final String FILTERS = "0123456789abcdef";
    private static final PageCursor CURSOR = new PageCursor(SortKey.LAST_CHANGE, SortDirection.ASCENDING, FILTERS,
            1_756_000_000_000_000L, "INC-2025-042");

    @Property(tries = 1000)
    void parsingTheEncodingGivesTheCursorBack(@ForAll("cursors") PageCursor cursor) {
        String text = cursor.encode();

        assertThat(PageCursor.parse(text)).isEqualTo(cursor);
        assertThat(text).matches("[A-Za-z0-9_-]+");
    }

    /** Any proper prefix of a cursor is refused: a cut-off cursor must not name another incident. */
    @Property(tries = 300)
    void everyTruncationIsRefused(@ForAll("cursors") PageCursor cursor) {
        String text = cursor.encode();
        for (int n = 0; n < text.length(); n++) {
            String cut = text.substring(0, n);
            assertThatThrownBy(() -> PageCursor.parse(cut)).as(cut).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!", "%%%", "====", "Yw", "not a cursor at all", "YzE6MDox", "YzI6REVDTEFSRUQ"})
    void garbageIsRefused(String text) {
        assertRefused(text);
    }

    @Test
    void aCursorOfAnotherVersionOrWithBadPartsIsRefused() {
        String id = "INC-2025-042";
        String good = "LAST_CHANGE:ASCENDING:" + FILTERS + ":1:" + id.length() + ":" + id;
        assertRefused(plain("c1:" + good));
        assertRefused(plain("c3:" + good));
        assertRefused(plain("c1:2:0:1:" + id.length() + ":" + id));
        assertRefused(plain("c2:2:0:" + FILTERS + ":1:" + id.length() + ":" + id));
        assertRefused(plain("c2:last_change:ASCENDING:" + FILTERS + ":1:" + id.length() + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:UP:" + FILTERS + ":1:" + id.length() + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:0123456789ABCDEF:1:" + id.length() + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:0123456789abcde:1:" + id.length() + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:" + FILTERS + ":x:" + id.length() + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:" + FILTERS + ":1:" + (id.length() + 1) + ":" + id));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:" + FILTERS + ":1:0:"));
        assertRefused(plain("c2:LAST_CHANGE:ASCENDING:" + FILTERS + ":1"));
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'c', '2', ':', (byte) 0xff}));
        assertThat(PageCursor.parse(plain("c2:" + good)))
                .isEqualTo(new PageCursor(SortKey.LAST_CHANGE, SortDirection.ASCENDING, FILTERS, 1, id));
    }

    /** By name, so that reordering or inserting a constant of either enum cannot turn a cursor into another order. */
    @Test
    void theSortAndDirectionAreWrittenByName() {
        assertThat(new String(Base64.getUrlDecoder().decode(CURSOR.encode()), StandardCharsets.UTF_8))
                .isEqualTo("c2:LAST_CHANGE:ASCENDING:" + FILTERS + ":1756000000000000:12:INC-2025-042");
    }

    @Test
    void aFingerprintThatIsNotOneIsRefused() {
        for (String filters : List.of("", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF",
                "0123456789abcdeg")) {
            assertThatThrownBy(() -> new PageCursor(SortKey.DECLARED, SortDirection.DESCENDING, filters, 0, "INC-1"))
                    .as(filters).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theEncodingIsUrlSafe() {
        String text = new PageCursor(SortKey.DECLARED, SortDirection.DESCENDING, FILTERS, -5, "?>?>?>~~~ÿÿ").encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.parse(CURSOR.encode())).isEqualTo(CURSOR);
    }

    @Provide
    Arbitrary<PageCursor> cursors() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(SortKey.class), Arbitraries.of(SortDirection.class),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(16), Arbitraries.longs(),
                EventArbitraries.incidentId()).as(PageCursor::new);
    }

    private static String plain(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> PageCursor.parse(text)).as(text).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("cursor"));
    }
}
