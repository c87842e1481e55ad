package com.saascrm.portability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads and builds export archives in tests. */
final class Archives {

    private Archives() {
    }

    static Map<String, String> files(byte[] zip) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<CSVRecord> rows(String csv) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The archive's CSV contents with every id replaced by the row's position in its file, and every reference by
     * the position of the row it refers to: two exports are "the same" when these are equal, whatever ids the
     * database gave.
     */
    static Map<String, List<List<String>>> withoutIds(byte[] zip) {
        Map<String, String> files = files(zip);
        Map<String, Map<String, String>> positions = new HashMap<>();
        Map<String, List<List<String>>> result = new LinkedHashMap<>();
        for (CrmArchiveFormat.Entity entity : CrmArchiveFormat.ENTITIES) {
            List<CSVRecord> records = rows(files.get(entity.file()));
            Map<String, String> position = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                position.put(records.get(i).get("id"), "#" + i);
            }
            positions.put(entity.name(), position);
            List<List<String>> normalized = new ArrayList<>();
            for (CSVRecord record : records) {
                List<String> values = new ArrayList<>();
                for (CrmArchiveFormat.Column column : entity.columns()) {
                    String value = record.get(column.name());
                    if (column.name().equals("id")) {
                        values.add(position.get(value));
                    } else if (column.references() != null && !value.isEmpty()) {
                        values.add(column.references() + positions.get(column.references()).get(value));
                    } else {
                        values.add(value);
                    }
                }
                normalized.add(values);
            }
            result.put(entity.name(), normalized);
        }
        return result;
    }
}
