package com.saascrm.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the SQL statements the database executed, through H2's query statistics: it shows how much work a job
 * does, whatever the machine. Not available on PostgreSQL without an extension, so there it counts nothing.
 */
final class SqlStatementCount {

    private SqlStatementCount() {
    }

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

    private static boolean onH2() {
        return !"postgresql".equals(System.getProperty("bench.database"));
    }
}
