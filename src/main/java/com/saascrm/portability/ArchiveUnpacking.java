package com.saascrm.portability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import com.saascrm.support.BoundedInputStream;

/**
 * Unpacks an import archive into memory within the limits of {@link ImportSettings}: its size as sent, what it
 * unpacks to, and only the entries the format has ({@link ArchiveEntries}), each once.
 */
final class ArchiveUnpacking {

    private ArchiveUnpacking() {}

    static Map<String, byte[]> read(InputStream archive, ImportSettings settings) {
        Map<String, byte[]> files = new HashMap<>();
        ArchiveEntries entries = new ArchiveEntries();
        long unpacked = 0;
        BoundedInputStream bounded = new BoundedInputStream(
                archive,
                settings.maxArchiveBytes(),
                () -> new InvalidArchiveException(
                        "The archive is larger than " + settings.maxArchiveBytes() + " bytes"));
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
                        throw new InvalidArchiveException(
                                "The archive unpacks to more than " + settings.maxUncompressedBytes() + " bytes");
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
}
