package com.saascrm.portability;

import static com.saascrm.portability.PortabilityApi.exportPath;
import static com.saascrm.portability.PortabilityApi.importPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.crm.CrmCounts;
import com.saascrm.crm.CrmData;
import com.saascrm.erasure.AccountErasure;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Export before leaving, import when coming back: through the API, with every bad archive refused. */
class DataPortabilityTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWKWARD = "Fjørd, \"Ærlig\" & Å\nsecond line; comma, quote\" end";

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private CrmData crmData;

    @Autowired
    private AccountErasure erasure;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private CrmExporter exporter;

    private PortabilityApi api;
    private TestAccount account;

    @BeforeEach
    void accountWithAwkwardText() {
        api = new PortabilityApi(rest, crmData);
        account = accounts.paidAccount("nb", PERIOD_END);
        long organization = jdbc.sql("SELECT MIN(id) FROM crm_organization WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
        long person = jdbc.sql("SELECT MIN(id) FROM crm_person WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE crm_person SET organization_id = ?, name = ? WHERE id = ?")
                .params(organization, AWKWARD, person)
                .update();
        jdbc.sql("UPDATE crm_deal SET organization_id = ?, person_id = ? WHERE account_id = ?")
                .params(organization, person, account.id())
                .update();
        long deal = jdbc.sql("SELECT MIN(id) FROM crm_deal WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE crm_activity SET deal_id = ?, person_id = ?, due_at = ? WHERE account_id = ?")
                .params(
                        deal,
                        person,
                        Instant.parse("2030-02-03T04:05:06Z").atOffset(java.time.ZoneOffset.UTC),
                        account.id())
                .update();
        jdbc.sql("UPDATE crm_note SET deal_id = ?, organization_id = ?, content = ? WHERE account_id = ?")
                .params(deal, organization, AWKWARD + " ÆØÅ æøå", account.id())
                .update();
    }

    @Test
    void exportPurgeImportExportGivesTheSameData() throws Exception {
        byte[] first = export(account);
        Map<String, String> files = Archives.files(first);
        assertThat(files)
                .containsOnlyKeys(
                        "organizations.csv",
                        "persons.csv",
                        "deals.csv",
                        "activities.csv",
                        "notes.csv",
                        "manifest.json");
        assertThat(files.get("persons.csv")).startsWith("id,organization_id,name,email,phone\r\n");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.path("formatVersion").asInt()).isEqualTo(2);
        assertThat(manifest.path("accountId").asText()).isEqualTo(account.id());
        assertThat(manifest.path("rowCounts").path("notes").asLong()).isEqualTo(3);

        purge(account);
        TestAccount fresh = accounts.emptyPaidAccount(PERIOD_END);
        assertThat(api.importThroughTheClient(fresh, first)).containsEntry("notes", 3L);

        byte[] second = export(fresh);
        assertThat(Archives.withoutIds(second)).isEqualTo(Archives.withoutIds(first));
        assertThat(Archives.files(second).get("persons.csv"))
                .contains("\"Fjørd, \"\"Ærlig\"\" & Å\nsecond line; comma, quote\"\" end\"");
        assertThat(jdbc.sql("SELECT name FROM crm_person WHERE account_id = ? AND name LIKE 'Fj%'")
                        .param(fresh.id())
                        .query(String.class)
                        .single())
                .isEqualTo(AWKWARD);
    }

    @Test
    void exportWorksWhileLockedAndOnlyForTheAccountsAdmins() {
        jdbc.sql("UPDATE account SET status = 'LOCKED' WHERE id = ?")
                .param(account.id())
                .update();
        assertThat(export(account)).isNotEmpty();

        TestAccount other = accounts.paidAccount("en", PERIOD_END);
        TestRestTemplate stranger = rest.withBasicAuth(other.admin(), TestAccounts.PASSWORD);
        assertThat(stranger.getForEntity(exportPath(account), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(stranger.exchange(importPath(account), HttpMethod.POST, zipBody(new byte[] {1}), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(rest.withBasicAuth(account.user(), TestAccounts.PASSWORD)
                        .getForEntity(exportPath(account), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }

    @Test
    void everyBadArchiveIsRefusedAndNothingIsWritten() {
        Map<String, String> good = Archives.files(export(account));
        TestAccount target = accounts.emptyPaidAccount(PERIOD_END);

        assertRefused(target, "not a zip at all".getBytes(StandardCharsets.UTF_8), "ZIP");
        assertRefused(
                target,
                Archives.zip(with(
                        good,
                        "manifest.json",
                        good.get("manifest.json").replace("\"formatVersion\" : 2", "\"formatVersion\" : 99"))),
                "Unknown format version 99");
        assertRefused(target, Archives.zip(without(good, "deals.csv")), "The archive has no deals.csv");
        String persons = good.get("persons.csv");
        String brokenRelation = persons.replaceFirst("\r\n([0-9]+),([0-9]+),", "\r\n$1,999999999,");
        assertRefused(
                target,
                Archives.zip(with(good, "persons.csv", brokenRelation)),
                "persons.csv, row 1: organization_id 999999999 refers to no row of organizations.csv");
        assertRefused(
                target,
                Archives.zip(with(good, "notes.csv", good.get("notes.csv").replace("id,deal_id", "id,deal"))),
                "notes.csv must have the columns id,deal_id,person_id,organization_id,content");
        assertRefused(
                target,
                Archives.zip(
                        with(good, "activities.csv", good.get("activities.csv").replace(",false", ",maybe"))),
                "done must be true or false");
        assertRefused(
                target,
                Archives.zip(with(good, "organizations.csv", good.get("organizations.csv") + "77,,\r\n")),
                "name is required");
        assertRefused(
                target,
                Archives.zip(with(
                        good, "manifest.json", good.get("manifest.json").replace("\"notes\" : 3", "\"notes\" : 4"))),
                "notes.csv has 3 rows, the manifest says 4");
        byte[] oversized = new byte[2 * 1024 * 1024];
        new java.util.Random(7).nextBytes(oversized);
        assertRefused(
                target,
                Archives.zip(with(good, "notes.csv", new String(oversized, StandardCharsets.ISO_8859_1))),
                "The archive is larger than 1048576 bytes");
        assertRefused(
                target,
                Archives.zip(with(good, "notes.csv", "a".repeat(5 * 1024 * 1024))),
                "The archive unpacks to more than 4194304 bytes");

        ResponseEntity<String> wrongType = api.importInto(target, Archives.zip(good), "text/csv");
        assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
        ResponseEntity<String> notEmpty = api.importInto(account, Archives.zip(good));
        assertThat(notEmpty.getStatusCode().value()).isEqualTo(409);
        assertThat(notEmpty.getBody()).contains("already has 15 CRM rows");
        assertThat(crmData.countsOf(target.id()).total()).isZero();
    }

    @Test
    void aMillionRowsStreamOutWithMatchingCounts() throws Exception {
        TestAccount big = accounts.emptyPaidAccount(PERIOD_END);
        new BulkCrmData(jdbc, dataSource).add(big.id(), 1_000_000);
        CrmCounts inDatabase = crmData.countsOf(big.id());

        Map<String, Long> csvRows = new HashMap<>();
        String[] manifest = new String[1];
        rest.withBasicAuth(big.admin(), TestAccounts.PASSWORD)
                .execute(exportPath(big), HttpMethod.GET, null, response -> {
                    assertThat(response.getStatusCode().value()).isEqualTo(200);
                    ZipInputStream zip = new ZipInputStream(response.getBody(), StandardCharsets.UTF_8);
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        if (entry.getName().equals("manifest.json")) {
                            manifest[0] = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                        } else {
                            long rows = 0;
                            CSVParser parser = CSVFormat.RFC4180
                                    .builder()
                                    .setHeader()
                                    .setSkipHeaderRecord(true)
                                    .get()
                                    .parse(new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8)));
                            for (var ignored : parser) {
                                rows++;
                            }
                            csvRows.put(entry.getName(), rows);
                        }
                    }
                    return null;
                });

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("organizations.csv", inDatabase.organizations());
        expected.put("persons.csv", inDatabase.persons());
        expected.put("deals.csv", inDatabase.deals());
        expected.put("activities.csv", inDatabase.activities());
        expected.put("notes.csv", inDatabase.notes());
        assertThat(csvRows).isEqualTo(expected);
        assertThat(inDatabase.total()).isEqualTo(1_000_000);
        assertThat(JSON.readTree(manifest[0]).path("rowCounts").path("notes").asLong())
                .isEqualTo(inDatabase.notes());
    }

    @Test
    void pagesOfRowsMixedWithAnotherAccountsComeOutOnceAndInIdOrder() throws Exception {
        TestAccount paged = accounts.emptyPaidAccount(PERIOD_END);
        TestAccount other = accounts.emptyPaidAccount(PERIOD_END);
        BulkCrmData bulk = new BulkCrmData(jdbc, dataSource);
        // 100,000 rows make exactly one full page of organizations (10,000) and pages with a rest elsewhere; the
        // other account's rows in between make the ids of the exported account jump.
        bulk.add(paged.id(), 50_000);
        bulk.add(other.id(), 5_000);
        bulk.add(paged.id(), 50_000);

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        exporter.export(paged.id(), archive);

        Map<String, List<Long>> exportedIds = idsPerFile(archive.toByteArray());
        for (var file : Map.of("organizations.csv", "crm_organization", "notes.csv", "crm_note")
                .entrySet()) {
            List<Long> inDatabase = jdbc.sql("SELECT id FROM " + file.getValue() + " WHERE account_id = ? ORDER BY id")
                    .param(paged.id())
                    .query(Long.class)
                    .list();
            assertThat(exportedIds.get(file.getKey())).as(file.getKey()).isEqualTo(inDatabase);
        }
        assertThat(exportedIds.get("organizations.csv")).hasSize(10_000);
    }

    private static Map<String, List<Long>> idsPerFile(byte[] archive) throws IOException {
        Map<String, List<Long>> ids = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().endsWith(".csv")) {
                    List<Long> fileIds = new ArrayList<>();
                    CSVParser parser = CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    parser.forEach(row -> fileIds.add(Long.parseLong(row.get("id"))));
                    ids.put(entry.getName(), fileIds);
                }
            }
        }
        return ids;
    }

    private void assertRefused(TestAccount target, byte[] archive, String detail) {
        assertThat(api.refusal(target, archive)).contains(detail);
    }

    private void purge(TestAccount purged) {
        jdbc.sql("UPDATE account SET status = 'LOCKED' WHERE id = ?")
                .param(purged.id())
                .update();
        while (erasure.eraseCrmBatch(purged.id(), 2).total() > 0) {
            // batch after batch, as the process does
        }
        erasure.eraseAccount(purged.id());
        assertThat(accountStatus(purged.id())).isNull();
    }

    private byte[] export(TestAccount exported) {
        return api.export(exported);
    }

    private static HttpEntity<byte[]> zipBody(byte[] archive) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/zip"));
        return new HttpEntity<>(archive, headers);
    }

    private static Map<String, String> with(Map<String, String> files, String name, String content) {
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put(name, content);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> files, String name) {
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.remove(name);
        return changed;
    }
}
