package dev.incidentkit.examples.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What any read of every incident costs a fresh {@code im} process before IncidentKit does
 * anything: {@code ScanFloor FILE [narrow]}, run with {@code im}'s JVM options, opens the H2 file
 * with plain JDBC and reads, in declaration order, the columns {@code im metrics} reads (schema
 * version 4's facts) of every summary row, touching each value once; then reads them again in the
 * same process. It prints the three times. {@code im metrics} cannot be faster than the open plus
 * the first read; the second shows how much of that is a cold JVM and cold pages rather than the
 * rows. With {@code narrow} it reads three columns instead, which shows how little narrower rows
 * would save.
 *
 * <p>Run by {@code benchmarks/cli-times.sh}; not a test.
 */
public final class ScanFloor {

    private static final String FACTS = "declared_at, id, status, severity_level, peak_severity_level, service, "
            + "correlated_services, role_holders, impact_started_at, detected_at, acknowledged_at, identified_at, "
            + "mitigated_at, resolved_at, closed_at, acknowledged_by, sla_breached, reopen_count, "
            + "action_item_added_at, action_item_completed_at";
    private static final String NARROW = "declared_at, id, status";

    private ScanFloor() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("narrow"))) {
            System.err.println("usage: ScanFloor FILE [narrow] (FILE: an H2 file's path without .mv.db)");
            System.exit(2);
        }
        String columns = args.length == 2 ? NARROW : FACTS;
        long start = System.nanoTime();
        // IFEXISTS: a mistyped path is an error, not a new empty database.
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + Path.of(args[0]).toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "")) {
            long opened = System.nanoTime();
            long rows = scan(c, columns);
            long cold = System.nanoTime();
            scan(c, columns);
            long warm = System.nanoTime();
            System.out.printf("open %d ms; %d rows of %d columns: first read %d ms, second read %d ms%n",
                    millis(opened - start), rows, columns.split(",").length, millis(cold - opened), millis(warm - cold));
        } catch (SQLException e) {
            System.err.println("ScanFloor: cannot read the incidents of " + args[0] + ".mv.db: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads every value of the columns, in the order the metrics walk uses; returns the row count. */
    private static long scan(Connection c, String columns) throws SQLException {
        long rows = 0;
        long touched = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM incidentkit_summaries ORDER BY declared_at, id")) {
            int count = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= count; i++) {
                    touched += rs.getObject(i) == null ? 0 : 1;
                }
            }
        }
        if (touched == 0) {
            throw new IllegalStateException("no value read: is this an IncidentKit store?");
        }
        return rows;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
