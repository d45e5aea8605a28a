package dev.incidentkit.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    private static final PageCursor CURSOR = new PageCursor(SortKey.LAST_CHANGE, SortDirection.ASCENDING,
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
    @ValueSource(strings = {"", "garbage!", "%%%", "====", "Yw", "not a cursor at all", "YzE6MDox"})
    void garbageIsRefused(String text) {
        assertRefused(text);
    }

    @Test
    void aCursorOfAnotherVersionOrWithBadPartsIsRefused() {
        String id = "INC-2025-042";
        assertRefused(plain("c0:2:0:1:" + id.length() + ":" + id));
        assertRefused(plain("c2:2:0:1:" + id.length() + ":" + id));
        assertRefused(plain("c1:9:0:1:" + id.length() + ":" + id));
        assertRefused(plain("c1:-1:0:1:" + id.length() + ":" + id));
        assertRefused(plain("c1:2:2:1:" + id.length() + ":" + id));
        assertRefused(plain("c1:2:0:x:" + id.length() + ":" + id));
        assertRefused(plain("c1:2:0:1:" + (id.length() + 1) + ":" + id));
        assertRefused(plain("c1:2:0:1:0:"));
        assertRefused(plain("c1:2:0:1"));
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'c', '1', ':', (byte) 0xff}));
        assertThat(PageCursor.parse(plain("c1:2:0:1:" + id.length() + ":" + id)))
                .isEqualTo(new PageCursor(SortKey.LAST_CHANGE, SortDirection.ASCENDING, 1, id));
    }

    @Test
    void theEncodingIsUrlSafe() {
        String text = new PageCursor(SortKey.DECLARED, SortDirection.DESCENDING, -5, "?>?>?>~~~ÿÿ").encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.parse(CURSOR.encode())).isEqualTo(CURSOR);
    }

    @Provide
    Arbitrary<PageCursor> cursors() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(SortKey.class), Arbitraries.of(SortDirection.class),
                Arbitraries.longs(), EventArbitraries.incidentId()).as(PageCursor::new);
    }

    private static String plain(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> PageCursor.parse(text)).as(text).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("cursor"));
    }
}
