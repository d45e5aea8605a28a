package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.alert.Silence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The silences and maintenance windows of {@code incidentkit_silences} (schema version 5), for
 * {@link AlertTables}: saved by a delete and an insert in one transaction (two savers of a new id
 * race on the primary key, and the loser runs again), listed the latest starting first.
 */
final class SilenceTable {

    private static final String SILENCE_COLUMNS = "id, kind, matchers, service, starts_at, ends_at, created_by, comment";

    private final DataSource dataSource;
    private final DialectSql sql;

    SilenceTable(DataSource dataSource, DialectSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    void save(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        Transactions.retryingRace(dataSource, "save silence " + silence.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM incidentkit_silences WHERE id = ?")) {
                ps.setString(1, silence.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_silences (" + SILENCE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, silence.id());
                ps.setString(2, silence.kind().name().toLowerCase(Locale.ROOT));
                ps.setString(3, AlertJson.writeMatchers(silence.matchers()));
                AlertSql.setString(ps, 4, silence.service());
                ps.setObject(5, Rows.utc(silence.startsAt()));
                ps.setObject(6, Rows.utc(silence.endsAt()));
                ps.setString(7, silence.createdBy().name());
                ps.setString(8, silence.comment());
                ps.executeUpdate();
            }
            return true;
        });
    }

    List<Silence> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + SILENCE_COLUMNS + " FROM incidentkit_silences "
                        + "ORDER BY starts_at DESC, " + sql.binary("id"))) {
            List<Silence> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Silence(rs.getString(1), Silence.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            AlertJson.readMatchers(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                            AlertSql.instant(rs, 5), AlertSql.instant(rs, 6), Actor.of(rs.getString(7)), rs.getString(8)));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the silences", e);
        }
    }
}
