package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Brings a database's schema to this library's version: runs each script of {@link #SCRIPTS} not
 * yet recorded in {@code incidentkit_schema_version}, in order, and records it, under a lock that
 * serializes migrators (see {@link DialectSql#lockMigrations}): two processes migrating at once
 * run each script once. On PostgreSQL the whole migration is also one transaction; H2 commits
 * each DDL statement by itself, so its scripts are idempotent as well, should a migration stop
 * half way. A script may have a Java step that fills what it created, committed with its
 * version; the fills run after the statements of every pending script, since they are this
 * library's code and write the newest schema's rows.
 *
 * <p>A database that is already current (every start of a process, every {@code im} command) costs
 * one query and nothing else: no DDL, no lock, no transaction ({@link DialectSql#currentSchemaQuery}).
 */
final class Migrator {

    /** What a script's Java step does, on the migration's connection, in its transaction. */
    interface Fill {
        void run(Connection c, DialectSql sql) throws SQLException;
    }

    /** A schema script: {@code /dev/incidentkit/store/jdbc/<dialect>/V<version>__<name>.sql}. */
    record Script(int version, String description, String file, Fill fill) {
        Script(int version, String description, String file) {
            this(version, description, file, (c, sql) -> { });
        }
    }

    /** Every schema version this library knows, in order. A later version appends to the list. */
    static final List<Script> SCRIPTS = List.of(
            new Script(1, "events, commands, incident numbers, checkpoints, deliveries", "V1__events.sql"),
            new Script(2, "notifier leases and dead letters", "V2__delivery_state.sql"),
            new Script(3, "incident summaries (the read model)", "V3__summaries.sql", SummaryTable::fill),
            new Script(4, "what the metrics read of each incident, beside its summary", "V4__incident_facts.sql",
                    FactsColumns::fill),
            new Script(5, "alerts, alert groups, storm counters and silences", "V5__alerts.sql"),
            new Script(6, "escalation timers", "V6__escalations.sql"));

    private static final int LATEST = SCRIPTS.get(SCRIPTS.size() - 1).version();

    private final DataSource dataSource;
    private final DialectSql sql;

    Migrator(DataSource dataSource, DialectSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    /** @return how many scripts were applied now; 0 when the schema was up to date */
    int migrate() {
        if (isCurrent()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return migrateIn(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("migrate the IncidentKit schema", e);
        }
    }

    /**
     * The common case in one query, outside any transaction: the schema is at this library's
     * version, and the dialect's check holds. Anything else (no schema yet, an older one, or the
     * query failing) is left to the migration under the lock, which looks again.
     *
     * @throws StoreException if the schema is newer than this library, or the check fails
     */
    private boolean isCurrent() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.currentSchemaQuery());
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            int version = rs.getInt(1);
            if (version > LATEST) {
                throw newer(version);
            }
            // Versions are recorded once each, so LATEST of them means every one: none was skipped.
            if (version == LATEST && rs.getInt(2) == SCRIPTS.size()) {
                sql.checkCurrent(rs);
                return true;
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    private static StoreException newer(int version) {
        return new StoreException("The database's IncidentKit schema is at version " + version
                + ", newer than this library's " + LATEST + "; upgrade the library.");
    }

    private int migrateIn(Connection c) throws SQLException {
        DialectSql.MigrationLock lock = sql.lockMigrations(c, dataSource);
        try {
            int applied = migrateLocked(c);
            // Commit before the lock goes: the next migrator must find this one's versions.
            c.commit();
            return applied;
        } finally {
            lock.close();
        }
    }

    private int migrateLocked(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql.createSchemaVersionTable());
        }
        Set<Integer> done = appliedVersions(c);
        for (int version : done) {
            if (version > LATEST) {
                throw newer(version);
            }
        }
        List<Script> pending = new ArrayList<>();
        for (Script script : SCRIPTS) {
            if (!done.contains(script.version())) {
                pending.add(script);
            }
        }
        // Every pending script's statements first, then their fills in order: a fill is this
        // library's code, which writes the rows of the newest schema (version 3's fill writes
        // summaries with version 4's columns too). On H2, whose DDL commits by itself, this also
        // commits the fills and the versions together, at the end.
        for (Script script : pending) {
            try (Statement s = c.createStatement()) {
                for (String statement : statements(script)) {
                    try {
                        s.execute(statement);
                    } catch (SQLException e) {
                        // H2 has no IF NOT EXISTS for several columns at once; such an ADD adds
                        // all or none, so a duplicate column means that it ran before.
                        if (!SqlErrors.duplicateColumn(e)) {
                            throw e;
                        }
                    }
                }
            }
        }
        for (Script script : pending) {
            script.fill().run(c, sql);
            record(c, script);
        }
        sql.checkAfterMigration(c);
        return pending.size();
    }

    private static void record(Connection c, Script script) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incidentkit_schema_version (version, description) VALUES (?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.description());
            ps.executeUpdate();
        }
    }

    private static Set<Integer> appliedVersions(Connection c) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM incidentkit_schema_version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    /** @return the highest version recorded, 0 if the schema was never migrated */
    int schemaVersion() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM incidentkit_schema_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            if (SqlErrors.missingSchema(e)) {
                return 0;
            }
            throw SqlErrors.failure("read the IncidentKit schema version", e);
        }
    }

    /** The script's statements: split at a semicolon that ends a line, with comment lines left out. */
    private List<String> statements(Script script) {
        String path = "/dev/incidentkit/store/jdbc/" + sql.scriptFolder() + "/" + script.file();
        String text;
        try (InputStream in = Migrator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("The schema script " + path + " is missing from the classpath.");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Could not read the schema script " + path + ": " + e.getMessage(), e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new StoreException("The schema script " + path + " ends without a semicolon.");
        }
        return statements;
    }
}
