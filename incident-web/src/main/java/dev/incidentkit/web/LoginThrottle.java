package dev.incidentkit.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Limits failed logins, per account and per remote address, in a sliding window: by default 5
 * failures per account and 20 per address in any 15 minutes. Used by {@link Sessions#login}.
 *
 * <p>An attempt counts as a failure from the moment it starts ({@link #begin}) until it {@link
 * Attempt#succeeded() succeeds}; so parallel guesses count before their slow password check ends,
 * and a crash in between errs on the safe side. A success clears the account's failures (not the
 * address's). An attempt that is throttled is not counted, so that waiting always helps.
 *
 * <p>Accounts are keyed by the name as given (names are case-sensitive), addresses by the IPv4
 * address or by the IPv6 /64 prefix, since one IPv6 client usually holds a whole /64.
 *
 * <p>Bounded memory: each window holds at most its limit of instants, and each map at most
 * {@code maxTracked} keys (10,000 by default). When a map is full, keys whose failures have all
 * left the window are dropped first, then the key whose latest failure is oldest. Someone who
 * fails with more than {@code maxTracked} different names can thus push an account out early; the
 * address limit makes that slow.
 *
 * <p>Thread-safe: one lock, held only for map updates (never during a password check).
 *
 * @since 0.2.0
 */
public final class LoginThrottle {

    private final Clock clock;
    private final Window accounts;
    private final Window addresses;

    private LoginThrottle(Clock clock, int perAccount, int perAddress, Duration window, int maxTracked) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accounts = new Window(perAccount, window, maxTracked);
        this.addresses = new Window(perAddress, window, maxTracked);
    }

    /**
     * @param clock where time comes from
     * @return a throttle allowing 5 failures per account and 20 per address in any 15 minutes
     */
    public static LoginThrottle ofDefaults(Clock clock) {
        return custom(clock).build();
    }

    /**
     * @param clock where time comes from
     * @return a builder starting from the defaults
     */
    public static Builder custom(Clock clock) {
        return new Builder(clock);
    }

    /**
     * Starts a login attempt, counted as a failure until it succeeds.
     *
     * @param account the user name given, valid or not
     * @param from the address the attempt comes from
     * @return the attempt
     * @throws LoginThrottledException if the account or the address has failed too often: nothing
     *     is counted then
     */
    public Attempt begin(String account, InetAddress from) {
        String accountKey = account.length() > 256 ? account.substring(0, 256) : account;
        String addressKey = addressKey(from);
        Instant now = clock.instant();
        synchronized (this) {
            Duration wait = max(accounts.wait(accountKey, now), addresses.wait(addressKey, now));
            if (!wait.isZero()) {
                throw new LoginThrottledException(wait);
            }
            accounts.add(accountKey, now);
            addresses.add(addressKey, now);
        }
        return new Attempt(accountKey, addressKey, now);
    }

    @Override
    public String toString() {
        return "LoginThrottle[" + accounts.limit + " per account, " + addresses.limit + " per address, per "
                + accounts.length + "]";
    }

    /** A login attempt in progress: a failure unless {@link #succeeded()} is called. */
    public final class Attempt {
        private final String account;
        private final String address;
        private final Instant started;

        private Attempt(String account, String address, Instant started) {
            this.account = account;
            this.address = address;
            this.started = started;
        }

        /** The password was right: clears the account's failures and takes this attempt back. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                accounts.clear(account);
                addresses.removeOne(address, started);
            }
        }
    }

    private static String addressKey(InetAddress from) {
        byte[] a = from.getAddress();
        if (from instanceof Inet6Address) {
            return "v6:" + Arrays.toString(Arrays.copyOf(a, 8)) + "/64";
        }
        return "v4:" + from.getHostAddress();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Failure instants per key, oldest first, at most {@code limit} of them within {@code length}. */
    private static final class Window {
        final int limit;
        final Duration length;
        final int maxTracked;
        final Map<String, Deque<Instant>> failures = new HashMap<>();

        Window(int limit, Duration length, int maxTracked) {
            this.limit = limit;
            this.length = length;
            this.maxTracked = maxTracked;
        }

        /** @return how long until {@code key} may try again: zero if now */
        Duration wait(String key, Instant now) {
            Deque<Instant> q = failures.get(key);
            if (q == null) {
                return Duration.ZERO;
            }
            prune(q, now);
            if (q.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, q.peekFirst().plus(length));
        }

        void add(String key, Instant now) {
            Deque<Instant> q = failures.get(key);
            if (q == null) {
                if (failures.size() >= maxTracked) {
                    evict(now);
                }
                q = new ArrayDeque<>();
                failures.put(key, q);
            }
            q.addLast(now);
            while (q.size() > limit) {
                q.removeFirst();
            }
        }

        void clear(String key) {
            failures.remove(key);
        }

        void removeOne(String key, Instant at) {
            Deque<Instant> q = failures.get(key);
            if (q != null) {
                q.removeLastOccurrence(at);
                if (q.isEmpty()) {
                    failures.remove(key);
                }
            }
        }

        private void prune(Deque<Instant> q, Instant now) {
            while (!q.isEmpty() && !q.peekFirst().plus(length).isAfter(now)) {
                q.removeFirst();
            }
        }

        private void evict(Instant now) {
            for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
                Deque<Instant> q = it.next();
                prune(q, now);
                if (q.isEmpty()) {
                    it.remove();
                }
            }
            if (failures.size() >= maxTracked) {
                String oldest = null;
                Instant oldestLast = Instant.MAX;
                for (Map.Entry<String, Deque<Instant>> e : failures.entrySet()) {
                    if (e.getValue().peekLast().isBefore(oldestLast)) {
                        oldestLast = e.getValue().peekLast();
                        oldest = e.getKey();
                    }
                }
                failures.remove(oldest);
            }
        }
    }

    /** Chooses the limits; each setter checks its value at once. */
    public static final class Builder {
        private final Clock clock;
        private int perAccount = 5;
        private int perAddress = 20;
        private Duration window = Duration.ofMinutes(15);
        private int maxTracked = 10_000;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param failures how many failures one account may have within the window, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code failures} is below 1
         */
        public Builder perAccount(int failures) {
            this.perAccount = positive("perAccount", failures);
            return this;
        }

        /**
         * @param failures how many failures one address may have within the window, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code failures} is below 1
         */
        public Builder perAddress(int failures) {
            this.perAddress = positive("perAddress", failures);
            return this;
        }

        /**
         * @param window how far back failures count, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code window} is not positive
         */
        public Builder window(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * @param keys how many accounts, and how many addresses, are tracked at most, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code keys} is below 1
         */
        public Builder maxTracked(int keys) {
            this.maxTracked = positive("maxTracked", keys);
            return this;
        }

        /** @return the throttle */
        public LoginThrottle build() {
            return new LoginThrottle(clock, perAccount, perAddress, window, maxTracked);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
            }
            return value;
        }
    }
}
