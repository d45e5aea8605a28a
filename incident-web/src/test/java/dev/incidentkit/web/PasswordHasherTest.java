package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    static final PasswordHasher FAST = PasswordHasher.withIterations(PasswordHasher.MIN_ITERATIONS);

    @Test
    void the_default_is_owasp_2023() {
        assertThat(PasswordHasher.ofDefaults().iterations()).isEqualTo(600_000);
    }

    @Test
    void a_hash_describes_itself() {
        String hash = FAST.hash("correct horse".toCharArray());
        assertThat(hash).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        assertThat(FAST.hash("correct horse".toCharArray())).as("salted").isNotEqualTo(hash);
    }

    @Test
    void a_hash_keeps_verifying_after_the_iterations_are_raised() {
        String old = FAST.hash("correct horse".toCharArray());
        assertThat(PasswordHasher.withIterations(2_000).verify(old, "correct horse".toCharArray())).isTrue();
    }

    @Test
    void a_wrong_password_or_a_malformed_hash_fails() {
        String hash = FAST.hash("correct horse".toCharArray());
        assertThat(FAST.verify(hash, "correct horse!".toCharArray())).isFalse();
        assertThat(FAST.verify(hash, new char[0])).isFalse();
        assertThat(FAST.verify("bcrypt$x", "correct horse".toCharArray())).isFalse();
        assertThat(FAST.verify("pbkdf2-sha256$99999999999$AA==$AA==", "x".toCharArray())).isFalse();
        assertThat(FAST.verify("pbkdf2-sha256$1000$!!$AA==", "x".toCharArray())).isFalse();
    }

    @Test
    void passwords_are_zeroed() {
        char[] p = "correct horse".toCharArray();
        String hash = FAST.hash(p);
        assertThat(p).containsOnly('\0');
        char[] q = "correct horse".toCharArray();
        assertThat(FAST.verify(hash, q)).isTrue();
        assertThat(q).containsOnly('\0');
    }

    @Test
    void iterations_are_bounded_and_empty_passwords_refused() {
        assertThatThrownBy(() -> PasswordHasher.withIterations(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("999");
        assertThatThrownBy(() -> FAST.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 15)
    void a_password_verifies_against_its_own_hash_and_no_other(
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '\u024F') @Chars({'€', '字'}) String p,
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '\u024F') String q) {
        Assume.that(!p.equals(q));
        String hash = FAST.hash(p.toCharArray());
        assertThat(FAST.verify(hash, p.toCharArray())).isTrue();
        assertThat(FAST.verify(hash, q.toCharArray())).isFalse();
    }
}
