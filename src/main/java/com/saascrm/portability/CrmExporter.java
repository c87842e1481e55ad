package com.saascrm.portability;

import static com.saascrm.support.SqlTime.instant;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

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
        try (CsvArchiveWriter archive = new CsvArchiveWriter(out, "export-" + accountId)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Entity entity : CrmArchiveFormat.ENTITIES) {
                archive.startFile(entity.file(), entity.header());
                counts.put(entity.name(), writeRows(entity, accountId, archive));
            }
            ExportManifest manifest = new ExportManifest(CrmArchiveFormat.VERSION, accountId, clock.instant(), counts);
            archive.finish(CrmArchiveFormat.MANIFEST, json.writeValueAsBytes(manifest));
            log.info(
                    "Exported account {}: {} CRM rows",
                    accountId,
                    counts.values().stream().mapToLong(Long::longValue).sum());
            return manifest;
        }
    }

    /**
     * Reads the rows in pages of {@value #PAGE_ROWS}, each starting after the last id of the one before (keyset
     * paging): the (account_id, id) index serves every page in order, so no database sorts or holds the whole
     * account, whatever its size. All pages read the transaction's one snapshot.
     */
    private long writeRows(Entity entity, String accountId, CsvArchiveWriter archive) {
        String columns = entity.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        String page = "SELECT " + columns + " FROM " + entity.table() + " WHERE account_id = ? AND id > ?"
                + " ORDER BY account_id, id FETCH FIRST " + PAGE_ROWS + " ROWS ONLY";
        PageReader rows = new PageReader(entity, archive);
        long rowsBefore;
        do {
            rowsBefore = rows.read;
            jdbc.query(page, rows, accountId, rows.lastId);
        } while (rows.read - rowsBefore == PAGE_ROWS);
        return rows.read;
    }

    /** Hands each row over as the cells of its CSV line, and remembers where the next page starts. */
    private static final class PageReader implements RowCallbackHandler {
        private final Entity entity;
        private final CsvArchiveWriter archive;
        private long read;
        private long lastId = Long.MIN_VALUE;

        PageReader(Entity entity, CsvArchiveWriter archive) {
            this.entity = entity;
            this.archive = archive;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            Object[] cells = new Object[entity.columns().size()];
            // By position: a lookup by name upper-cases the name and hashes it, for every cell of a million rows.
            for (int i = 0; i < cells.length; i++) {
                cells[i] = value(rs, i + 1, entity.columns().get(i));
            }
            try {
                archive.row(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The first column of every file is the id.
            lastId = (Long) cells[0];
            read++;
        }
    }

    /**
     * Only text is escaped against spreadsheet formulas: the other columns come from typed database columns, so
     * they hold a bare number, a boolean or an ISO-8601 instant, nothing that a spreadsheet could run (it reads
     * -500 as the number -500), and the import takes nothing else in them. They are handed over as they are and
     * written out as text by the formatting stage ({@code toString}), which takes that work off this thread.
     */
    private static Object value(ResultSet rs, int position, Column column) throws SQLException {
        return switch (column.type()) {
            case ID, WHOLE_NUMBER -> {
                long number = rs.getLong(position);
                yield rs.wasNull() ? null : number;
            }
            case BOOLEAN -> {
                boolean flag = rs.getBoolean(position);
                yield rs.wasNull() ? null : flag;
            }
            case INSTANT -> instant(rs, position);
            case TEXT -> SpreadsheetSafeText.escape(rs.getString(position));
        };
    }
}
