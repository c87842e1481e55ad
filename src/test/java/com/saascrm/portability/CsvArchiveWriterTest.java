package com.saascrm.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/** The export's pipeline: everything handed over comes out in order, and a failure on either side stops both. */
class CsvArchiveWriterTest {

    @Test
    void rowsComeOutInOrderInTheirFilesFollowedByTheLastFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvArchiveWriter archive = new CsvArchiveWriter(out, "in-order")) {
            archive.startFile("a.csv", List.of("id", "name"));
            for (long id = 1; id <= 2_500; id++) {
                archive.row(new Object[] {id, id % 2 == 0 ? "=x" + id : null});
            }
            archive.startFile("b.csv", List.of("id", "at", "done"));
            archive.row(new Object[] {7L, Instant.parse("2027-01-31T23:59:59Z"), true});
            archive.finish("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        }

        Map<String, String> files = unzip(out.toByteArray());
        assertThat(files.keySet()).containsExactly("a.csv", "b.csv", "manifest.json");
        List<String> a = files.get("a.csv").lines().toList();
        assertThat(a).hasSize(2_501);
        assertThat(a.get(0)).isEqualTo("id,name");
        assertThat(a.get(1)).isEqualTo("1,");
        assertThat(a.get(2_500)).isEqualTo("2500,=x2500");
        assertThat(files.get("b.csv")).isEqualTo("id,at,done\r\n7,2027-01-31T23:59:59Z,true\r\n");
        assertThat(files.get("manifest.json")).isEqualTo("{}");
    }

    @Test
    void aStreamThatFailsStopsTheCallerAndBothStages() throws InterruptedException {
        OutputStream brokenAfterAFewBytes = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > 10_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };

        assertThatThrownBy(() -> {
                    try (CsvArchiveWriter archive = new CsvArchiveWriter(brokenAfterAFewBytes, "broken")) {
                        archive.startFile("a.csv", List.of("id", "text"));
                        for (long id = 1; id <= 5_000_000; id++) {
                            archive.row(new Object[] {id, "row " + id + " of an account that does not fit"});
                        }
                        archive.finish("manifest.json", new byte[0]);
                    }
                })
                .isInstanceOf(IOException.class)
                .hasRootCauseMessage("Broken pipe");
        awaitNoThreadNamed("broken-", Duration.ofSeconds(10));
    }

    @Test
    void aCallerThatGivesUpStopsBothStages() throws Exception {
        try (CsvArchiveWriter archive = new CsvArchiveWriter(OutputStream.nullOutputStream(), "given-up")) {
            archive.startFile("a.csv", List.of("id"));
            archive.row(new Object[] {1L});
        }
        awaitNoThreadNamed("given-up-", Duration.ofSeconds(10));
    }

    private static void awaitNoThreadNamed(String prefix, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith(prefix))) {
            assertThat(System.nanoTime())
                    .as("threads " + prefix + "* still running")
                    .isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static Map<String, String> unzip(byte[] archive) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
