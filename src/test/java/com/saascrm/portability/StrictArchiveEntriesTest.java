package com.saascrm.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.saascrm.crm.CrmData;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * An import archive holds the format's files, each once at its top level, and nothing else: any other entry is
 * refused by name, before anything is written, and reading stops there.
 */
class StrictArchiveEntriesTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private CrmData crmData;

    @Autowired
    private CrmImporter importer;

    private PortabilityApi api;
    private Map<String, String> good;
    private TestAccount target;

    @BeforeEach
    void exportedArchiveAndEmptyTarget() {
        api = new PortabilityApi(rest, crmData);
        good = Archives.files(api.export(accounts.paidAccount("en", PERIOD_END)));
        target = accounts.emptyPaidAccount(PERIOD_END);
    }

    @Test
    void theUnchangedArchiveIsTaken() {
        assertThat(api.importInto(target, Archives.zip(good)).getStatusCode().value())
                .isEqualTo(200);
        assertThat(crmData.countsOf(target.id()).total()).isEqualTo(15);
    }

    @Test
    void anEntryPointingOutOfTheArchiveIsRefusedByName() {
        byte[] archive = Archives.zip(with(good, "../../../../tmp/x.txt", "written where it must not be"));

        assertThat(api.refusal(target, archive))
                .isEqualTo("The archive holds the path '../../../../tmp/x.txt', which is"
                        + " not part of the format: an archive holds organizations.csv, persons.csv, deals.csv, activities.csv,"
                        + " notes.csv and manifest.json, each once and at its top level, and nothing else");
    }

    @Test
    void everyOtherEntryOutsideTheFormatIsRefusedByName() {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("/etc/passwd", "the path '/etc/passwd'"),
                Map.entry("..\\..\\notes.csv", "the path '..\\..\\notes.csv'"),
                Map.entry("C:\\notes.csv", "the path 'C:\\notes.csv'"),
                Map.entry("export/notes.csv", "the path 'export/notes.csv'"),
                Map.entry("..", "the path '..'"),
                Map.entry("export/", "the directory 'export/'"),
                Map.entry("notes.csv/", "the directory 'notes.csv/'"),
                Map.entry("Notes.csv", "the file 'Notes.csv'"),
                Map.entry("notes.csv.bak", "the file 'notes.csv.bak'"),
                Map.entry("readme.txt", "the file 'readme.txt'"));
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            assertThat(api.refusal(target, Archives.zip(good, List.of(refusal.getKey()))))
                    .as(refusal.getKey())
                    .startsWith("The archive holds " + refusal.getValue() + ", which is not part of the format");
        }
    }

    @Test
    void aFileOfTheFormatTwiceIsRefused() {
        byte[] archive = Archives.renamed(
                Archives.zip(with(good, "notes.csx", good.get("notes.csv"))), "notes.csx", "notes.csv");

        assertThat(Archives.files(archive)).containsKey("notes.csv").doesNotContainKey("notes.csx");
        assertThat(api.refusal(target, archive)).isEqualTo("The archive holds notes.csv more than once");
    }

    @Test
    void aHundredThousandJunkEntriesAreRefusedAtTheFirst() {
        List<String> junk = IntStream.rangeClosed(1, 100_000)
                .mapToObj(i -> "junk-" + i + ".txt")
                .toList();
        byte[] archive = Archives.zip(good, junk);

        assertThat(api.refusal(target, archive))
                .startsWith("The archive holds the file 'junk-1.txt', which is not part");

        CountingInputStream counted = new CountingInputStream(new ByteArrayInputStream(archive));
        assertThatThrownBy(() -> importer.importArchive(target.id(), counted))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageStartingWith("The archive holds the file 'junk-1.txt'");
        assertThat(archive.length).isGreaterThan(5_000_000);
        assertThat(counted.read).as("bytes read of " + archive.length).isLessThan(64 * 1024);
        assertThat(crmData.countsOf(target.id()).total()).isZero();
    }

    @Test
    void aLongNameWithControlCharactersIsShownCutAndCleaned() {
        String name = "\u001b[2J\r\nInjected log line\u202e" + "A".repeat(5_000) + ".csv";

        String detail = api.refusal(target, Archives.zip(good, List.of(name)));

        String shown = "[2JInjected log line" + "A".repeat(100 - "[2JInjected log line".length()) + "…";
        assertThat(detail).startsWith("The archive holds the file '" + shown + "', which is not part of the format");
        assertThat(detail).hasSizeLessThan(400).doesNotContain("\u001b", "\r", "\n", "\u202e");
    }

    @Test
    void aNameThatIsNotUtf8IsRefused() {
        byte[] archive = Archives.zip(good, List.of("\u00ff.csv"), StandardCharsets.ISO_8859_1);

        assertThat(api.refusal(target, archive)).isEqualTo("The archive holds an entry whose name is not UTF-8");
    }

    private static Map<String, String> with(Map<String, String> files, String name, String content) {
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put(name, content);
        return changed;
    }

    /** Counts what the importer takes from the request body. */
    private static final class CountingInputStream extends FilterInputStream {
        private long read;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                read++;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                read += count;
            }
            return count;
        }
    }
}
