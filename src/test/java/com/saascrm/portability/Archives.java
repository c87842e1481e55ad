package com.saascrm.portability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
public final class Archives {

    private Archives() {}

    public static Map<String, String> files(byte[] zip) {
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

    public static byte[] zip(Map<String, String> files) {
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

    /**
     * {@code files}, then an empty entry for each of {@code extraEntries}, names encoded in {@code names}. Stored,
     * not deflated: an empty entry then takes only its headers, so many of them make a small archive.
     */
    static byte[] zip(Map<String, String> files, List<String> extraEntries, Charset names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (String name : extraEntries) {
                ZipEntry empty = new ZipEntry(name);
                empty.setMethod(ZipEntry.STORED);
                empty.setSize(0);
                empty.setCrc(0);
                out.putNextEntry(empty);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, String> files, List<String> extraEntries) {
        return zip(files, extraEntries, StandardCharsets.UTF_8);
    }

    /**
     * The archive with every occurrence of the entry name {@code from} replaced by {@code to}, of the same length:
     * an archive that {@link ZipOutputStream} would not write, such as one holding a name twice.
     */
    static byte[] renamed(byte[] zip, String from, String to) {
        byte[] search = from.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        if (search.length != replacement.length) {
            throw new IllegalArgumentException("Only a name of the same length keeps the archive readable");
        }
        byte[] result = zip.clone();
        for (int i = 0; i + search.length <= result.length; i++) {
            if (Arrays.equals(result, i, i + search.length, search, 0, search.length)) {
                System.arraycopy(replacement, 0, result, i, replacement.length);
            }
        }
        return result;
    }

    static List<CSVRecord> rows(String csv) {
        try {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(csv))
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
                        values.add(column.references()
                                + positions.get(column.references()).get(value));
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
