package com.saascrm.bench;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the SQL statements the database executed, and names those that took the most time, through H2's query
 * statistics: it shows how much work a job does, whatever the machine, and where it goes. Not available on
 * PostgreSQL without an extension, so there it counts nothing.
 */
final class SqlStatementCount {

    private SqlStatementCount() {}

    /** Starts counting from zero; H2 clears its statistics when they are switched on. */
    static void restart(JdbcClient jdbc) {
        if (onH2()) {
            jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 10000").update();
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
            jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        }
    }

    /**
     * Statements since {@link #restart}, without the benchmark's own polling (counts) and this query; -1 where
     * the database does not count.
     */
    static long sinceRestart(JdbcClient jdbc) {
        if (!onH2()) {
            return -1;
        }
        return jdbc.sql("""
                SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS
                WHERE LOWER(SQL_STATEMENT) NOT LIKE '%count(%' AND SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'
                """).query(Long.class).single();
    }

    /**
     * The statements that took the most time since {@link #restart}, heaviest first, as "total ms, count, mean ms:
     * statement"; none where the database does not count.
     */
    static List<String> heaviest(JdbcClient jdbc, int limit) {
        if (!onH2()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME, SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS
                WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%' ORDER BY CUMULATIVE_EXECUTION_TIME DESC LIMIT ?""")
                .param(limit)
                .query((row, i) -> String.format(
                        Locale.ROOT,
                        "%.0f ms, %d times, %.3f ms each: %s",
                        row.getDouble(2),
                        row.getLong(1),
                        row.getDouble(2) / row.getLong(1),
                        row.getString(3).replaceAll("\\s+", " ")))
                .list();
    }

    private static boolean onH2() {
        return !"postgresql".equals(System.getProperty("bench.database"));
    }
}
