package com.saascrm.portability;

import static com.saascrm.support.SqlTime.instant;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.saascrm.portability.CrmArchiveFormat.Column;
import com.saascrm.portability.CrmArchiveFormat.Entity;

/**
 * Writes an account's CRM data as an archive of {@link CrmArchiveFormat} onto a stream, row by row: the database
 * hands rows over in pages and nothing collects them, so memory does not grow with the account. One snapshot
 * (repeatable read) for all files, so the relations between them hold.
 */
@Service
public class CrmExporter {

    private static final Logger log = LoggerFactory.getLogger(CrmExporter.class);
    private static final int FETCH_SIZE = 1_000;
    private static final int PAGE_ROWS = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    CrmExporter(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.clock = clock;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ExportManifest export(String accountId, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // The CSV printer writes a character at a time; unbuffered, each one went through the encoder on its own.
        Writer text = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Entity entity : CrmArchiveFormat.ENTITIES) {
            zip.putNextEntry(new ZipEntry(entity.file()));
            counts.put(entity.name(), writeCsv(entity, accountId, text));
            text.flush();
            zip.closeEntry();
        }
        ExportManifest manifest = new ExportManifest(CrmArchiveFormat.VERSION, accountId, clock.instant(), counts);
        zip.putNextEntry(new ZipEntry(CrmArchiveFormat.MANIFEST));
        zip.write(json.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        log.info(
                "Exported account {}: {} CRM rows",
                accountId,
                counts.values().stream().mapToLong(Long::longValue).sum());
        return manifest;
    }

    /**
     * Reads the rows in pages of {@value #PAGE_ROWS}, each starting after the last id of the one before (keyset
     * paging): the (account_id, id) index serves every page in order, so no database sorts or holds the whole
     * account, whatever its size. All pages read the transaction's one snapshot.
     */
    private long writeCsv(Entity entity, String accountId, Writer text) throws IOException {
        CSVPrinter csv = new CSVPrinter(text, CrmArchiveFormat.CSV);
        csv.printRecord(entity.header());
        String columns = entity.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        String page = "SELECT " + columns + " FROM " + entity.table() + " WHERE account_id = ? AND id > ?"
                + " ORDER BY account_id, id FETCH FIRST " + PAGE_ROWS + " ROWS ONLY";
        PageWriter rows = new PageWriter(entity, csv);
        long rowsBefore;
        do {
            rowsBefore = rows.written;
            jdbc.query(page, rows, accountId, rows.lastId);
        } while (rows.written - rowsBefore == PAGE_ROWS);
        csv.flush();
        return rows.written;
    }

    /** Prints each row it is handed and remembers where the next page starts. */
    private static final class PageWriter implements RowCallbackHandler {
        private final Entity entity;
        private final CSVPrinter csv;
        private long written;
        private long lastId = Long.MIN_VALUE;

        PageWriter(Entity entity, CSVPrinter csv) {
            this.entity = entity;
            this.csv = csv;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            try {
                for (Column column : entity.columns()) {
                    csv.print(value(rs, column));
                }
                csv.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastId = rs.getLong("id");
            written++;
        }
    }

    /**
     * Only text is escaped against spreadsheet formulas: the other columns come from typed database columns, so
     * they hold a bare number, a boolean or an ISO-8601 instant, nothing that a spreadsheet could run (it reads
     * -500 as the number -500), and the import takes nothing else in them.
     */
    private static String value(ResultSet rs, Column column) throws SQLException {
        return switch (column.type()) {
            case ID, WHOLE_NUMBER -> {
                long number = rs.getLong(column.name());
                yield rs.wasNull() ? null : Long.toString(number);
            }
            case BOOLEAN -> {
                boolean flag = rs.getBoolean(column.name());
                yield rs.wasNull() ? null : Boolean.toString(flag);
            }
            case INSTANT -> {
                var value = instant(rs, column.name());
                yield value == null ? null : value.toString();
            }
            case TEXT -> SpreadsheetSafeText.escape(rs.getString(column.name()));
        };
    }
}
