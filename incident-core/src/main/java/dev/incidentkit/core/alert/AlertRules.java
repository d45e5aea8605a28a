package dev.incidentkit.core.alert;

import dev.incidentkit.core.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How alerts become incidents: the grouping, the severity and service an incident gets from the
 * alert that declares it, the storm limit, and whether an incident resolves with its alerts.
 * Immutable; {@link #builder()} starts from the defaults.
 *
 * <p>Defaults: {@link Grouping#bySourceGroup()}; severities {@code critical} → SEV-1, {@code
 * error} → SEV-2, {@code warning} → SEV-3, {@code info} → SEV-4 (case ignored), anything else
 * SEV-3; the service from the label {@code service} when it is a valid service name, else the
 * source's name; at most 10 new incidents a minute per source; no auto-resolve (a note says when
 * every alert has resolved); a claim on an alert or group lasts 30 seconds.
 *
 * @since 0.3.0
 */
public final class AlertRules {

    private final Grouping grouping;
    private final Map<String, Severity> severities;
    private final Severity otherSeverity;
    private final String serviceLabel;
    private final int stormLimit;
    private final boolean autoResolve;
    private final Duration claimTimeout;

    private AlertRules(Builder b) {
        this.grouping = b.grouping;
        this.severities = Map.copyOf(b.severities);
        this.otherSeverity = b.otherSeverity;
        this.serviceLabel = b.serviceLabel;
        this.stormLimit = b.stormLimit;
        this.autoResolve = b.autoResolve;
        this.claimTimeout = b.claimTimeout;
    }

    /** @return the defaults */
    public static AlertRules defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the grouping */
    public Grouping grouping() {
        return grouping;
    }

    /** @return the most new incidents a source may declare in a minute */
    public int stormLimit() {
        return stormLimit;
    }

    /** @return whether an incident resolves when its last firing alert resolves */
    public boolean autoResolve() {
        return autoResolve;
    }

    /** @return how long a process may take to route an alert or declare a group's incident before another takes over */
    public Duration claimTimeout() {
        return claimTimeout;
    }

    /**
     * @param alert an alert
     * @return the severity of the incident it declares
     */
    public Severity severityOf(AlertDetails alert) {
        return severities.getOrDefault(alert.severity().toLowerCase(Locale.ROOT), otherSeverity);
    }

    /**
     * @param alert an alert
     * @return the service of the incident it declares: its service label if that is a valid
     *     service name, else its source
     */
    public String serviceOf(AlertDetails alert) {
        String value = alert.labels().getOrDefault(serviceLabel, "");
        return value.matches("[a-z0-9][a-z0-9._-]{0,62}") ? value : alert.source();
    }

    /** Builds {@link AlertRules}. Not thread-safe. */
    public static final class Builder {
        private Grouping grouping = Grouping.bySourceGroup();
        private final Map<String, Severity> severities = new LinkedHashMap<>(Map.of(
                "critical", Severity.SEV1, "error", Severity.SEV2, "warning", Severity.SEV3, "info", Severity.SEV4));
        private Severity otherSeverity = Severity.SEV3;
        private String serviceLabel = "service";
        private int stormLimit = 10;
        private boolean autoResolve;
        private Duration claimTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** @param value the grouping @return this builder */
        public Builder grouping(Grouping value) {
            this.grouping = Objects.requireNonNull(value, "grouping");
            return this;
        }

        /**
         * Maps a source's severity word to a severity, replacing the default for that word.
         *
         * @param word such as {@code critical} (case ignored)
         * @param severity its severity
         * @return this builder
         */
        public Builder severity(String word, Severity severity) {
            severities.put(word.toLowerCase(Locale.ROOT), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /** @param value the severity of an alert whose word is not mapped @return this builder */
        public Builder otherSeverity(Severity value) {
            this.otherSeverity = Objects.requireNonNull(value, "otherSeverity");
            return this;
        }

        /** @param name the label that names an alert's service @return this builder */
        public Builder serviceLabel(String name) {
            this.serviceLabel = Objects.requireNonNull(name, "serviceLabel");
            return this;
        }

        /**
         * @param perMinute the most new incidents a source may declare in a minute, at least 1;
         *     alerts past it join one storm incident of that source
         * @return this builder
         */
        public Builder stormLimit(int perMinute) {
            if (perMinute < 1) {
                throw new IllegalArgumentException("stormLimit must be at least 1, got " + perMinute);
            }
            this.stormLimit = perMinute;
            return this;
        }

        /** @param value whether an incident resolves with its last alert @return this builder */
        public Builder autoResolve(boolean value) {
            this.autoResolve = value;
            return this;
        }

        /** @param value how long a claim lasts, positive @return this builder */
        public Builder claimTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("claimTimeout must be positive, got " + value);
            }
            this.claimTimeout = value;
            return this;
        }

        /** @return the rules */
        public AlertRules build() {
            return new AlertRules(this);
        }
    }
}
