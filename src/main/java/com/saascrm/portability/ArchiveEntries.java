package com.saascrm.portability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;

/**
 * Lets through the entries of an import archive that are files of the format, each once, and refuses any other
 * before a byte of it is read: an archive padded with paths such as {@code ../x} or with thousands of entries is
 * refused at the first one that does not belong.
 */
final class ArchiveEntries {

    private static final List<String> FILES = CrmArchiveFormat.FILES;
    private static final String ALLOWED =
            String.join(", ", FILES.subList(0, FILES.size() - 1)) + " and " + FILES.get(FILES.size() - 1);

    private final Set<String> seen = new HashSet<>();

    void admit(ZipEntry entry) {
        String name = entry.getName();
        if (!FILES.contains(name)) {
            throw new InvalidArchiveException("The archive holds " + kind(entry) + " " + UntrustedText.quoted(name)
                    + ", which is not part of the format: an archive holds " + ALLOWED
                    + ", each once and at its top level,"
                    + " and nothing else");
        }
        if (!seen.add(name)) {
            throw new InvalidArchiveException("The archive holds " + name + " more than once");
        }
    }

    /** Words for the message only: whether an entry is taken depends on the list of files alone. */
    private static String kind(ZipEntry entry) {
        String name = entry.getName();
        if (entry.isDirectory()) {
            return "the directory";
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.contains(":")) {
            return "the path";
        }
        return "the file";
    }
}
