package com.saascrm.erasure;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for a string in every column of every table, as the database's own catalog lists them: no hand-written
 * list of tables that could miss one. Text is compared without case; binary columns are read as UTF-8 and Latin-1.
 */
final class DatabaseScan {

    private final DataSource dataSource;

    DatabaseScan(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where {@code needle} occurs, as "TABLE.COLUMN". */
    List<String> find(String needle) throws SQLException {
        String wanted = needle.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : tables(connection)) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            if (contains(rows.getObject(column), wanted)) {
                                String hit = (table + "." + rows.getMetaData().getColumnName(column))
                                        .toUpperCase(Locale.ROOT);
                                if (!hits.contains(hit)) {
                                    hits.add(hit);
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    int tableCount() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return tables(connection).size();
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet catalog =
                connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (catalog.next()) {
                String schema = catalog.getString("TABLE_SCHEM");
                if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
                    tables.add(catalog.getString("TABLE_NAME"));
                }
            }
        }
        return tables;
    }

    private static boolean contains(Object value, String wanted) throws SQLException {
        if (value == null) {
            return false;
        }
        if (value instanceof byte[] bytes) {
            return decoded(bytes, wanted);
        }
        if (value instanceof Blob blob) {
            return decoded(blob.getBytes(1, (int) blob.length()), wanted);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length())
                    .toLowerCase(Locale.ROOT)
                    .contains(wanted);
        }
        return value.toString().toLowerCase(Locale.ROOT).contains(wanted);
    }

    private static boolean decoded(byte[] bytes, String wanted) {
        return new String(bytes, StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT)
                        .contains(wanted)
                || new String(bytes, StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT)
                        .contains(wanted);
    }
}
