package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedHeaderAuthenticatorTest {

    final TrustedHeaderAuthenticator proxy = TrustedHeaderAuthenticator.of("X-Forwarded-User",
            List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8", "::1"));

    static TestRequest from(String address, String user) {
        return TestRequest.from(address).header("X-Forwarded-User", user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.255.255.254", "192.168.1.5", "fd12:3456::1", "::1"})
    void a_trusted_proxy_names_the_user(String address) {
        assertThat(proxy.authenticate(from(address, " alice@example.com ")))
                .contains(new Principal(Actor.of("alice@example.com"), Principal.Scheme.PROXY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.0.0.1", "192.168.1.6", "127.0.0.1", "fe80::1", "2001:db8::1"})
    void the_header_from_anyone_else_is_refused(String address) {
        assertThatThrownBy(() -> proxy.authenticate(from(address, "alice")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("X-Forwarded-User header came from an untrusted address");
    }

    @Test
    void no_header_is_empty_from_anyone() {
        assertThat(proxy.authenticate(TestRequest.from("10.0.0.1"))).isEmpty();
        assertThat(proxy.authenticate(TestRequest.from("8.8.8.8"))).isEmpty();
    }

    @Test
    void an_invalid_user_name_from_the_proxy_is_refused() {
        assertThatThrownBy(() -> proxy.authenticate(from("10.0.0.1", "  ")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("not a valid user name");
        assertThatThrownBy(() -> proxy.authenticate(from("10.0.0.1", "x".repeat(201))))
                .isInstanceOf(AuthenticationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "256.0.0.1", "proxy.example.com", "10.0.0.0/x", "fd00::/129",
            "::g", ""})
    void a_bad_address_is_refused_by_name(String bad) {
        assertThatThrownBy(() -> TrustedHeaderAuthenticator.of("X-Forwarded-User", List.of("10.0.0.1", bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + bad + "\"");
    }

    @Test
    void a_bad_header_name_or_no_proxies_are_refused() {
        assertThatThrownBy(() -> TrustedHeaderAuthenticator.of("X Forwarded", List.of("::1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X Forwarded");
        assertThatThrownBy(() -> TrustedHeaderAuthenticator.of("X-Forwarded-User", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
