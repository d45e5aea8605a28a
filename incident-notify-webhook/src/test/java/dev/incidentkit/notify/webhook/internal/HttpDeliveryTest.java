package dev.incidentkit.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

    @Test
    void anExcerptIsOneShortLine() {
        assertThat(HttpDelivery.excerpt("  invalid_payload\r\n\tmissing text  ".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("invalid_payload missing text");
        assertThat(HttpDelivery.excerpt(new byte[0])).isEmpty();
        assertThat(HttpDelivery.excerpt("a\u0000b\u202Ec".getBytes(StandardCharsets.UTF_8))).isEqualTo("a b c");
        String longBody = "é".repeat(500);
        assertThat(HttpDelivery.excerpt(longBody.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("é".repeat(HttpDelivery.MAX_EXCERPT) + "…");
        assertThat(HttpDelivery.excerpt(("x".repeat(HttpDelivery.MAX_EXCERPT) + "   ").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("x".repeat(HttpDelivery.MAX_EXCERPT));
    }

    @Test
    void anInvalidUtf8BodyIsQuotedWithReplacementCharacters() {
        assertThat(HttpDelivery.excerpt(new byte[] {'o', 'k', (byte) 0xC3})).isEqualTo("ok\uFFFD");
    }
}
