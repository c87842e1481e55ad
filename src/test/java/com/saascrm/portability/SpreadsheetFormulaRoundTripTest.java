package com.saascrm.portability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import com.saascrm.crm.CrmData;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Text that a spreadsheet would run as a formula leaves in the export as text (with a leading {@code '}), and the
 * import takes the mark off again, so that export, import and export give back every value exactly.
 */
class SpreadsheetFormulaRoundTripTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");
    private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/x\")";
    /** As long as an organization's name may be, so only the value without its mark fits. */
    private static final String LONGEST_NAME = "=" + "x".repeat(199);

    private static final Map<String, List<String>> TEXT_COLUMNS = Map.of(
            "crm_organization", List.of("name", "address"),
            "crm_person", List.of("name", "email", "phone"),
            "crm_deal", List.of("title", "currency", "stage"),
            "crm_activity", List.of("subject"),
            "crm_note", List.of("content"));

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private CrmData crmData;

    private PortabilityApi api;
    private TestAccount source;

    @BeforeEach
    void accountWithFormulasInEveryTextColumn() {
        api = new PortabilityApi(rest, crmData);
        source = accounts.emptyPaidAccount(PERIOD_END);
        for (String value : SpreadsheetSafeTextTest.CELLS.keySet()) {
            jdbc.sql("INSERT INTO crm_organization (account_id, name, address) VALUES (?, ?, ?)")
                    .params(source.id(), value, value)
                    .update();
            jdbc.sql("INSERT INTO crm_person (account_id, name, email, phone) VALUES (?, ?, ?, ?)")
                    .params(source.id(), value, value, value)
                    .update();
            String stage = value.substring(0, Math.min(value.length(), 32));
            jdbc.sql(
                            "INSERT INTO crm_deal (account_id, title, value_cents, currency, stage) VALUES (?, ?, -500, '=A1', ?)")
                    .params(source.id(), value, stage)
                    .update();
            jdbc.sql("INSERT INTO crm_activity (account_id, subject, done) VALUES (?, ?, FALSE)")
                    .params(source.id(), value)
                    .update();
            jdbc.sql("INSERT INTO crm_note (account_id, content) VALUES (?, ?)")
                    .params(source.id(), value)
                    .update();
        }
        jdbc.sql("INSERT INTO crm_organization (account_id, name) VALUES (?, ?)")
                .params(source.id(), LONGEST_NAME)
                .update();
    }

    @Test
    void exportMarksFormulasAndImportGivesBackEveryValueExactly() {
        byte[] first = api.export(source);
        Map<String, String> files = Archives.files(first);
        assertThat(cells(files, "notes.csv", "content"))
                .containsExactlyInAnyOrderElementsOf(SpreadsheetSafeTextTest.CELLS.values());
        assertThat(cells(files, "notes.csv", "content"))
                .contains(
                        "'=HYPERLINK(\"http://evil.example/x\")",
                        "'+1",
                        "'-2",
                        "'@SUM(A1)",
                        "'\tx",
                        "'\rx",
                        "''=already",
                        "''plain",
                        "'''",
                        "plain");
        assertThat(cells(files, "persons.csv", "phone"))
                .containsExactlyInAnyOrderElementsOf(SpreadsheetSafeTextTest.CELLS.values());
        assertThat(cells(files, "organizations.csv", "name")).contains("'" + LONGEST_NAME);
        assertThat(cells(files, "deals.csv", "currency")).containsOnly("'=A1");
        assertThat(cells(files, "deals.csv", "value_cents"))
                .as("a number, not text")
                .containsOnly("-500");

        TestAccount fresh = accounts.emptyPaidAccount(PERIOD_END);
        ResponseEntity<String> imported = api.importInto(fresh, first);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);

        TEXT_COLUMNS.forEach((table, columns) -> columns.forEach(column -> assertThat(stored(fresh, table, column))
                .as(table + "." + column)
                .isEqualTo(stored(source, table, column))));
        assertThat(stored(fresh, "crm_note", "content"))
                .containsExactlyInAnyOrderElementsOf(SpreadsheetSafeTextTest.CELLS.keySet());
        assertThat(stored(fresh, "crm_deal", "currency")).containsOnly("=A1");
        assertThat(Archives.withoutIds(api.export(fresh))).isEqualTo(Archives.withoutIds(first));
    }

    @Test
    void aFormulaImportedWithoutMarkIsStoredAsItIsAndExportedMarked() {
        TestAccount target = accounts.emptyPaidAccount(PERIOD_END);

        ResponseEntity<String> imported = api.importInto(target, archiveWithNote(2, HYPERLINK));

        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        assertThat(stored(target, "crm_note", "content")).containsExactly(HYPERLINK);
        assertThat(cells(Archives.files(api.export(target)), "notes.csv", "content"))
                .containsExactly("'" + HYPERLINK);
    }

    @Test
    void anArchiveOfVersionOneHasNoMarksToTakeOff() {
        TestAccount target = accounts.emptyPaidAccount(PERIOD_END);

        ResponseEntity<String> imported = api.importInto(target, archiveWithNote(1, "'=x"));

        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        assertThat(stored(target, "crm_note", "content")).containsExactly("'=x");
        assertThat(cells(Archives.files(api.export(target)), "notes.csv", "content"))
                .containsExactly("''=x");
    }

    @Test
    void theLengthLimitCountsTheValueNotTheMark() {
        TestAccount target = accounts.emptyPaidAccount(PERIOD_END);
        String tooLong = "=" + "x".repeat(200);

        String detail = api.refusal(target, archiveWithOrganization("'" + tooLong));

        assertThat(detail).isEqualTo("organizations.csv, row 1: name is longer than 200 characters");
    }

    private List<String> stored(TestAccount account, String table, String column) {
        return jdbc.sql("SELECT " + column + " FROM " + table + " WHERE account_id = ? ORDER BY id")
                .param(account.id())
                .query(String.class)
                .list();
    }

    private static List<String> cells(Map<String, String> files, String file, String column) {
        return Archives.rows(files.get(file)).stream()
                .map(row -> row.get(column))
                .toList();
    }

    private static byte[] archiveWithNote(int formatVersion, String content) {
        return archive(formatVersion, "notes", List.of("1", "", "", "", content));
    }

    private static byte[] archiveWithOrganization(String name) {
        return archive(2, "organizations", List.of("1", name, ""));
    }

    /** An archive of the given version with one row in the file of {@code entity} and none elsewhere. */
    private static byte[] archive(int formatVersion, String entity, List<String> row) {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> counts = new ArrayList<>();
        for (CrmArchiveFormat.Entity each : CrmArchiveFormat.ENTITIES) {
            boolean withRow = each.name().equals(entity);
            files.put(each.file(), csv(each.header(), withRow ? List.of(row) : List.of()));
            counts.add("\"" + each.name() + "\": " + (withRow ? 1 : 0));
        }
        files.put(
                CrmArchiveFormat.MANIFEST,
                "{\"formatVersion\": " + formatVersion + ", \"accountId\": \"elsewhere\","
                        + " \"exportedAt\": \"2030-01-01T00:00:00Z\", \"rowCounts\": {" + String.join(", ", counts)
                        + "}}");
        return Archives.zip(files);
    }

    private static String csv(List<String> header, List<List<String>> rows) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CrmArchiveFormat.CSV)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
