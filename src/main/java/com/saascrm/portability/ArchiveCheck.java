package com.saascrm.portability;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.portability.CrmArchiveFormat.Column;
import com.saascrm.portability.CrmArchiveFormat.Entity;

/**
 * Checks an unpacked archive before anything is written: the manifest and its format version, each file's
 * encoding and header, every value and every relation, and the manifest's counts. Refusals say where, quoting at
 * most a short, cleaned piece of what was sent.
 */
final class ArchiveCheck {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ArchiveCheck() {}

    static Map<String, List<CSVRecord>> validated(Map<String, byte[]> files, JsonNode manifest, CellValues cells) {
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
                throw new InvalidArchiveException(
                        entity.file() + " has " + records.size() + " rows, the manifest says " + expected);
            }
            ids.put(entity.name(), entityIds);
            rows.put(entity.name(), records);
        }
        return rows;
    }

    static JsonNode manifest(Map<String, byte[]> files) {
        byte[] content = files.get(CrmArchiveFormat.MANIFEST);
        if (content == null) {
            throw new InvalidArchiveException("The archive has no " + CrmArchiveFormat.MANIFEST);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(content);
        } catch (IOException e) {
            throw new InvalidArchiveException(CrmArchiveFormat.MANIFEST + " is not valid JSON");
        }
        JsonNode version = manifest.path("formatVersion");
        if (version.isMissingNode()) {
            throw new InvalidArchiveException(CrmArchiveFormat.MANIFEST + " has no formatVersion");
        }
        if (!version.isIntegralNumber()
                || !version.canConvertToInt()
                || !CrmArchiveFormat.readable(version.intValue())) {
            throw new InvalidArchiveException("Unknown format version " + UntrustedText.shown(version.toString())
                    + ": this application reads versions " + CrmArchiveFormat.OLDEST_READABLE_VERSION + " to "
                    + CrmArchiveFormat.VERSION);
        }
        return manifest;
    }

    private static String utf8(Entity entity, byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArchiveException(entity.file() + " is not UTF-8");
        }
    }

    private static List<CSVRecord> parse(Entity entity, String text) {
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(CrmArchiveFormat.CSV
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            if (!parser.getHeaderNames().equals(entity.header())) {
                throw new InvalidArchiveException(
                        entity.file() + " must have the columns " + String.join(",", entity.header()) + ", has "
                                + UntrustedText.shown(String.join(",", parser.getHeaderNames())));
            }
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord record : records) {
                if (record.size() != entity.columns().size()) {
                    throw invalid(
                            entity,
                            record,
                            "has " + record.size() + " fields, expected "
                                    + entity.columns().size());
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
                        throw invalid(
                                entity,
                                record,
                                column.name() + " must be a whole number, is " + UntrustedText.quoted(value));
                    }
                    if (column.references() != null
                            && !ids.get(column.references()).contains(value)) {
                        throw invalid(
                                entity,
                                record,
                                column.name() + " " + value + " refers to no row of " + column.references() + ".csv");
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
                        throw invalid(
                                entity,
                                record,
                                column.name() + " must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
                    }
                }
                case TEXT -> {
                    if (value.length() > column.maxLength()) {
                        throw invalid(
                                entity,
                                record,
                                column.name() + " is longer than " + column.maxLength() + " characters");
                    }
                }
            }
        }
    }

    /** The value a cell stands for: in an archive of a version that escapes text, a text cell without its escaping. */
    record CellValues(boolean textEscaped) {

        static CellValues of(int formatVersion) {
            return new CellValues(formatVersion >= CrmArchiveFormat.FIRST_ESCAPED_VERSION);
        }

        String of(CSVRecord record, Column column) {
            String cell = record.get(column.name());
            return textEscaped && column.type() == CrmArchiveFormat.Type.TEXT
                    ? SpreadsheetSafeText.unescape(cell)
                    : cell;
        }
    }

    private static InvalidArchiveException invalid(Entity entity, CSVRecord record, String problem) {
        return new InvalidArchiveException(entity.file() + ", row " + record.getRecordNumber() + ": " + problem);
    }
}
