package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.web.internal.Secrets;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login sessions of a server: created by a login with user name and password against {@link
 * Credentials}, carried by the cookie {@value #COOKIE_NAME}, ended by logout or by time.
 *
 * <p>How a server uses it:
 * <ol>
 *   <li>{@code POST /api/v1/session}: {@link #login} → on success answer with {@code Set-Cookie: }{@link
 *       #cookieHeader(Session, boolean)} and give the page the session's {@link
 *       Session#csrfToken()}; on {@link LoginFailedException} 401; on {@link
 *       LoginThrottledException} 429 with {@code Retry-After}.
 *   <li>Each request: {@link SessionAuthenticator} (or {@link #session(WebRequest)}) finds the
 *       session; for every method other than {@code GET}, {@code HEAD} and {@code OPTIONS}, check
 *       the request's CSRF token with {@link #csrfValid} and answer 403 if it fails.
 *   <li>{@code DELETE /api/v1/session}: {@link #logout} and {@code Set-Cookie: }{@link #clearingCookieHeader}.
 * </ol>
 *
 * <p>A session ends when unused for the idle timeout (8 hours by default) or at the absolute
 * timeout after login (24 hours by default), judged by the injected clock, and when its user is
 * removed from the credentials or loses their password. Sessions live in memory only: a restart
 * of the server logs everyone out.
 *
 * <p>Bounded memory: at most {@code maxSessions} (10,000 by default) live at once. A login that
 * would pass the cap first drops expired sessions, then, if still full, the session unused for
 * longest: a login is never refused for want of room.
 *
 * <p>Thread-safe. Sessions are looked up by the SHA-256 of their id, so that a lookup's timing
 * says nothing about the ids held.
 *
 * @since 0.2.0
 */
public final class Sessions {

    /** The session cookie's name. */
    public static final String COOKIE_NAME = "ik_session";

    private static final int ID_BYTES = 32;

    private final Credentials credentials;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    /** By the SHA-256 of the id; in access order, so that the first is the one unused for longest. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private Sessions(Builder b) {
        this.credentials = b.credentials;
        this.clock = b.clock;
        this.throttle = b.throttle != null ? b.throttle : LoginThrottle.ofDefaults(b.clock);
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        this.maxSessions = b.maxSessions;
    }

    /**
     * @param credentials whose users may log in
     * @param clock where every instant comes from
     * @return sessions with the defaults: 8 hours idle, 24 hours absolute, 10,000 at most, and
     *     {@link LoginThrottle#ofDefaults}
     */
    public static Sessions ofDefaults(Credentials credentials, Clock clock) {
        return custom(credentials, clock).build();
    }

    /**
     * @param credentials whose users may log in
     * @param clock where every instant comes from
     * @return a builder starting from the defaults
     */
    public static Builder custom(Credentials credentials, Clock clock) {
        return new Builder(credentials, clock);
    }

    /**
     * Logs a user in.
     *
     * @param user the user name given
     * @param password the password given; zeroed before this returns
     * @param from the address the login comes from
     * @return the new session
     * @throws LoginThrottledException if the account or address failed too often lately; the
     *     password is not even checked
     * @throws LoginFailedException if the user is unknown, has no password, or gave another one:
     *     one message for all three
     */
    public Session login(String user, char[] password, InetAddress from) {
        Optional<Actor> actor;
        try {
            LoginThrottle.Attempt attempt = throttle.begin(user, from);
            actor = credentials.checkPassword(user, password);
            if (actor.isEmpty()) {
                throw new LoginFailedException();
            }
            attempt.succeeded();
        } finally {
            Arrays.fill(password, '\0');
        }
        Instant now = clock.instant();
        Session session = new Session(Secrets.base64Url(random, ID_BYTES), actor.get(),
                Secrets.base64Url(random, ID_BYTES), now, now);
        synchronized (sessions) {
            if (sessions.size() >= maxSessions) {
                makeRoom(now);
            }
            sessions.put(key(session.id()), session);
        }
        return session;
    }

    /**
     * Finds a live session and marks it used now.
     *
     * @param id a session id, such as a cookie's value
     * @return the session, if it exists and has not ended (by time, or because its user was
     *     removed or lost their password)
     */
    public Optional<Session> find(String id) {
        Instant now = clock.instant();
        String key = key(id);
        Session found;
        synchronized (sessions) {
            found = sessions.get(key);
            if (found == null) {
                return Optional.empty();
            }
            if (expired(found, now)) {
                sessions.remove(key);
                return Optional.empty();
            }
        }
        boolean canLogIn = credentials.user(found.actor().name()).map(UserAccount::hasPassword).orElse(false);
        synchronized (sessions) {
            if (!canLogIn) {
                sessions.remove(key);
                return Optional.empty();
            }
            Session touched = new Session(found.id(), found.actor(), found.csrfToken(), found.created(), now);
            sessions.replace(key, found, touched);
            return Optional.of(touched);
        }
    }

    /**
     * @param request a request
     * @return its live session, if it has a session cookie naming one (marked used now)
     */
    public Optional<Session> session(WebRequest request) {
        return request.cookie(COOKIE_NAME).flatMap(this::find);
    }

    /**
     * Compares a request's CSRF token with the session's in constant time.
     *
     * @param session the request's session
     * @param token the token the request carried
     * @return whether they are equal
     */
    public boolean csrfValid(Session session, String token) {
        return Secrets.constantTimeEquals(session.csrfToken(), token);
    }

    /**
     * Ends a session. Unknown and ended ids are ignored.
     *
     * @param id the session's id
     */
    public void logout(String id) {
        synchronized (sessions) {
            sessions.remove(key(id));
        }
    }

    /** @return how many sessions are held, including any that ended but were not yet dropped */
    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /**
     * @param session a new session
     * @param secure whether the server speaks TLS (then the cookie is sent over TLS only)
     * @return the value of a {@code Set-Cookie} header for it, such as {@code ik_session=<id>;
     *     Path=/; Max-Age=86400; HttpOnly; SameSite=Strict; Secure}: Max-Age is the time left until
     *     the absolute timeout
     */
    public String cookieHeader(Session session, boolean secure) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.created().plus(absoluteTimeout)).getSeconds());
        return cookie(session.id(), maxAge, secure);
    }

    /**
     * @param secure whether the server speaks TLS
     * @return the value of a {@code Set-Cookie} header that makes the browser forget the session
     *     cookie: {@code ik_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict}
     */
    public String clearingCookieHeader(boolean secure) {
        return cookie("", 0, secure);
    }

    /** @return the idle timeout */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the absolute timeout */
    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    @Override
    public String toString() {
        return "Sessions[" + size() + " held, idle " + idleTimeout + ", absolute " + absoluteTimeout + "]";
    }

    private static String cookie(String value, long maxAge, boolean secure) {
        return COOKIE_NAME + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idleTimeout)) || !now.isBefore(s.created().plus(absoluteTimeout));
    }

    private void makeRoom(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
        Iterator<Map.Entry<String, Session>> eldest = sessions.entrySet().iterator();
        while (sessions.size() >= maxSessions && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static String key(String id) {
        return Secrets.sha256Hex(id);
    }

    /** Chooses the timeouts, the cap and the throttle; each setter checks its value at once. */
    public static final class Builder {
        private final Credentials credentials;
        private final Clock clock;
        private Duration idleTimeout = Duration.ofHours(8);
        private Duration absoluteTimeout = Duration.ofHours(24);
        private int maxSessions = 10_000;
        private LoginThrottle throttle;

        private Builder(Credentials credentials, Clock clock) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param timeout how long an unused session lives, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /**
         * @param timeout how long any session lives after login, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder absoluteTimeout(Duration timeout) {
            this.absoluteTimeout = positive("absoluteTimeout", timeout);
            return this;
        }

        /**
         * @param max how many sessions live at once at most, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxSessions(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSessions must be 1 or more, got " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * @param throttle the limit on failed logins
         * @return this builder
         */
        public Builder throttle(LoginThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /**
         * @return the sessions
         * @throws IllegalArgumentException if the idle timeout is longer than the absolute timeout
         */
        public Sessions build() {
            if (idleTimeout.compareTo(absoluteTimeout) > 0) {
                throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must not be longer than absoluteTimeout "
                        + absoluteTimeout);
            }
            return new Sessions(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
