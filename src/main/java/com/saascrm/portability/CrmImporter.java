package com.saascrm.portability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.account.AccountStateException;
import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.crm.CrmData;
import com.saascrm.support.BoundedInputStream;
import com.saascrm.portability.CrmArchiveFormat.Column;
import com.saascrm.portability.CrmArchiveFormat.Entity;
import com.saascrm.support.SqlTime;

/**
 * Brings an exported archive back into an account without CRM data. The whole archive is read and checked first
 * (its entries, format version, header, every value, every relation, the manifest's counts); only then is
 * anything written, all in one transaction, with new ids and the relations kept.
 */
@Service
public class CrmImporter {

    private static final Logger log = LoggerFactory.getLogger(CrmImporter.class);

    private final Accounts accounts;
    private final CrmData crmData;
    private final ImportSettings settings;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    CrmImporter(Accounts accounts, CrmData crmData, ImportSettings settings) {
        this.accounts = accounts;
        this.crmData = crmData;
        this.settings = settings;
    }

    /** @return rows imported per entity */
    @Transactional
    public Map<String, Long> importArchive(String accountId, InputStream archive) {
        AccountStatus status = accounts.get(accountId).status();
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException(accountId, status, "ACTIVE to import into");
        }
        long existing = crmData.countsOf(accountId).total();
        if (existing > 0) {
            throw new AccountStateException("Account '" + accountId + "' already has " + existing
                    + " CRM rows; import only into an account without CRM data");
        }
        Map<String, byte[]> files = read(archive);
        JsonNode manifest = manifest(files);
        CellValues cells = CellValues.of(manifest.path("formatVersion").intValue());
        Map<String, List<CSVRecord>> rows = validated(files, manifest, cells);
        Map<String, Long> imported = write(accountId, rows, cells);
        log.info("Imported into account {}: {} CRM rows", accountId, imported.values().stream().mapToLong(Long::longValue).sum());
        return imported;
    }

    private Map<String, byte[]> read(InputStream archive) {
        Map<String, byte[]> files = new HashMap<>();
        ArchiveEntries entries = new ArchiveEntries();
        long unpacked = 0;
        BoundedInputStream bounded = new BoundedInputStream(archive, settings.maxArchiveBytes(),
                () -> new InvalidArchiveException("The archive is larger than " + settings.maxArchiveBytes() + " bytes"));
        try (ZipInputStream zip = new ZipInputStream(bounded, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = nextEntry(zip)) != null) {
                entries.admit(entry);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    unpacked += read;
                    if (unpacked > settings.maxUncompressedBytes()) {
                        throw new InvalidArchiveException("The archive unpacks to more than " + settings.maxUncompressedBytes()
                                + " bytes");
                    }
                    content.write(buffer, 0, read);
                }
                files.put(entry.getName(), content.toByteArray());
            }
        } catch (ZipException e) {
            throw new InvalidArchiveException("Not a readable ZIP archive");
        } catch (IOException e) {
            throw new InvalidArchiveException("The archive could not be read");
        }
        if (files.isEmpty()) {
            throw new InvalidArchiveException("Not a ZIP archive, or an empty one");
        }
        return files;
    }

    private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            // ZipInputStream's way of saying that the entry's name is not UTF-8
            throw new InvalidArchiveException("The archive holds an entry whose name is not UTF-8");
        }
    }

    private static Map<String, List<CSVRecord>> validated(Map<String, byte[]> files, JsonNode manifest, CellValues cells) {
        Map<String, List<CSVRecord>> rows = new LinkedHashMap<>();
        Map<String, Set<String>> ids = new HashMap<>();
        for (Entity entity : CrmArchiveFormat.ENTITIES) {
            byte[] content = files.get(entity.file());
            if (content == null) {
                throw new InvalidArchiveException("The archive has no " + entity.file());
            }
            List<CSVRecord> records = parse(entity, utf8(entity, content));
            Set<String> entityIds = new HashSet<>();
            for (CSVRecord record : records) {
                check(entity, record, ids, cells);
                if (!entityIds.add(record.get("id"))) {
                    throw invalid(entity, record, "id " + record.get("id") + " appears twice");
                }
            }
            long expected = manifest.path("rowCounts").path(entity.name()).asLong(-1);
            if (expected != records.size()) {
                throw new InvalidArchiveException(entity.file() + " has " + records.size() + " rows, the manifest says "
                        + expected);
            }
            ids.put(entity.name(), entityIds);
            rows.put(entity.name(), records);
        }
        return rows;
    }

    private JsonNode manifest(Map<String, byte[]> files) {
        byte[] content = files.get(CrmArchiveFormat.MANIFEST);
        if (content == null) {
            throw new InvalidArchiveException("The archive has no " + CrmArchiveFormat.MANIFEST);
        }
        JsonNode manifest;
        try {
            manifest = json.readTree(content);
        } catch (IOException e) {
            throw new InvalidArchiveException(CrmArchiveFormat.MANIFEST + " is not valid JSON");
        }
        JsonNode version = manifest.path("formatVersion");
        if (version.isMissingNode()) {
            throw new InvalidArchiveException(CrmArchiveFormat.MANIFEST + " has no formatVersion");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || !CrmArchiveFormat.readable(version.intValue())) {
            throw new InvalidArchiveException("Unknown format version " + UntrustedText.shown(version.toString())
                    + ": this application reads versions " + CrmArchiveFormat.OLDEST_READABLE_VERSION + " to "
                    + CrmArchiveFormat.VERSION);
        }
        return manifest;
    }

    private static String utf8(Entity entity, byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArchiveException(entity.file() + " is not UTF-8");
        }
    }

    private static List<CSVRecord> parse(Entity entity, String text) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CrmExporter.CSV.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(entity.header())) {
                throw new InvalidArchiveException(entity.file() + " must have the columns " + String.join(",", entity.header())
                        + ", has " + UntrustedText.shown(String.join(",", parser.getHeaderNames())));
            }
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord record : records) {
                if (record.size() != entity.columns().size()) {
                    throw invalid(entity, record, "has " + record.size() + " fields, expected " + entity.columns().size());
                }
            }
            return records;
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new InvalidArchiveException(entity.file() + " is not valid CSV");
        }
    }

    private static void check(Entity entity, CSVRecord record, Map<String, Set<String>> ids, CellValues cells) {
        for (Column column : entity.columns()) {
            String value = cells.of(record, column);
            if (value.isEmpty()) {
                if (column.required()) {
                    throw invalid(entity, record, column.name() + " is required");
                }
                continue;
            }
            switch (column.type()) {
                case ID -> {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw invalid(entity, record, column.name() + " must be a whole number, is "
                                + UntrustedText.quoted(value));
                    }
                    if (column.references() != null && !ids.get(column.references()).contains(value)) {
                        throw invalid(entity, record, column.name() + " " + value + " refers to no row of "
                                + column.references() + ".csv");
                    }
                }
                case WHOLE_NUMBER -> {
                    if (!value.matches("-?[0-9]{1,18}")) {
                        throw invalid(entity, record, column.name() + " must be a whole number");
                    }
                }
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw invalid(entity, record, column.name() + " must be true or false");
                    }
                }
                case INSTANT -> {
                    try {
                        Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        throw invalid(entity, record, column.name() + " must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
                    }
                }
                case TEXT -> {
                    if (value.length() > column.maxLength()) {
                        throw invalid(entity, record, column.name() + " is longer than " + column.maxLength() + " characters");
                    }
                }
            }
        }
    }

    private Map<String, Long> write(String accountId, Map<String, List<CSVRecord>> rows, CellValues cells) {
        Map<String, Map<String, Long>> newIds = new HashMap<>();
        Map<String, Long> imported = new LinkedHashMap<>();
        for (Entity entity : CrmArchiveFormat.ENTITIES) {
            List<Column> columns = entity.columns().subList(1, entity.columns().size());
            Map<String, Long> idsOfEntity = new HashMap<>();
            for (CSVRecord record : rows.get(entity.name())) {
                LinkedHashMap<String, Object> values = new LinkedHashMap<>();
                for (Column column : columns) {
                    values.put(column.name(), sqlValue(column, cells.of(record, column), newIds));
                }
                idsOfEntity.put(record.get("id"), crmData.insert(entity.table(), accountId, values));
            }
            newIds.put(entity.name(), idsOfEntity);
            imported.put(entity.name(), (long) idsOfEntity.size());
        }
        return imported;
    }

    private static Object sqlValue(Column column, String value, Map<String, Map<String, Long>> newIds) {
        if (value.isEmpty()) {
            return null;
        }
        return switch (column.type()) {
            case ID -> newIds.get(column.references()).get(value);
            case WHOLE_NUMBER -> Long.parseLong(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            case INSTANT -> SqlTime.utc(Instant.parse(value));
            case TEXT -> value;
        };
    }

    /** The value a cell stands for: in an archive of a version that escapes text, a text cell without its escaping. */
    private record CellValues(boolean textEscaped) {

        static CellValues of(int formatVersion) {
            return new CellValues(formatVersion >= CrmArchiveFormat.FIRST_ESCAPED_VERSION);
        }

        String of(CSVRecord record, Column column) {
            String cell = record.get(column.name());
            return textEscaped && column.type() == CrmArchiveFormat.Type.TEXT ? SpreadsheetSafeText.unescape(cell) : cell;
        }
    }

    private static InvalidArchiveException invalid(Entity entity, CSVRecord record, String problem) {
        return new InvalidArchiveException(entity.file() + ", row " + record.getRecordNumber() + ": " + problem);
    }
}
