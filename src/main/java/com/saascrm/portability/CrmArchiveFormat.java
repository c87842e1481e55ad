package com.saascrm.portability;

import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;

/**
 * The export format, version 2: a ZIP of exactly one CSV file per CRM entity (UTF-8, a header row, RFC 4180
 * quoting, columns in this order) and {@code manifest.json}, nothing else. Ids are the account's own; a reference
 * column holds the id of a row in another file of the same archive, or nothing. Text cells are escaped against
 * spreadsheet formulas ({@link SpreadsheetSafeText}); version 1, otherwise the same, wrote them as they were.
 */
public final class CrmArchiveFormat {

    public static final int VERSION = 2;
    static final int OLDEST_READABLE_VERSION = 1;
    static final int FIRST_ESCAPED_VERSION = 2;
    public static final String MANIFEST = "manifest.json";
    /** RFC 4180 with CRLF line ends, as spreadsheets write it. */
    static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    public enum Type {
        ID,
        TEXT,
        WHOLE_NUMBER,
        BOOLEAN,
        INSTANT
    }

    /** @param references the entity whose id this column holds, or null */
    public record Column(String name, Type type, boolean required, int maxLength, String references) {

        static Column id() {
            return new Column("id", Type.ID, true, 0, null);
        }

        static Column text(String name, boolean required, int maxLength) {
            return new Column(name, Type.TEXT, required, maxLength, null);
        }

        static Column reference(String name, String entity) {
            return new Column(name, Type.ID, false, 0, entity);
        }

        static Column of(String name, Type type, boolean required) {
            return new Column(name, type, required, 0, null);
        }
    }

    public record Entity(String name, String table, List<Column> columns) {

        public String file() {
            return name + ".csv";
        }

        public List<String> header() {
            return columns.stream().map(Column::name).toList();
        }
    }

    /** Parents before children: the order of export, validation and import. */
    public static final List<Entity> ENTITIES = List.of(
            new Entity(
                    "organizations",
                    "crm_organization",
                    List.of(Column.id(), Column.text("name", true, 200), Column.text("address", false, 400))),
            new Entity(
                    "persons",
                    "crm_person",
                    List.of(
                            Column.id(),
                            Column.reference("organization_id", "organizations"),
                            Column.text("name", true, 200),
                            Column.text("email", false, 254),
                            Column.text("phone", false, 40))),
            new Entity(
                    "deals",
                    "crm_deal",
                    List.of(
                            Column.id(),
                            Column.reference("organization_id", "organizations"),
                            Column.reference("person_id", "persons"),
                            Column.text("title", true, 200),
                            Column.of("value_cents", Type.WHOLE_NUMBER, true),
                            Column.text("currency", true, 3),
                            Column.text("stage", true, 32))),
            new Entity(
                    "activities",
                    "crm_activity",
                    List.of(
                            Column.id(),
                            Column.reference("deal_id", "deals"),
                            Column.reference("person_id", "persons"),
                            Column.text("subject", true, 200),
                            Column.of("due_at", Type.INSTANT, false),
                            Column.of("done", Type.BOOLEAN, true))),
            new Entity(
                    "notes",
                    "crm_note",
                    List.of(
                            Column.id(),
                            Column.reference("deal_id", "deals"),
                            Column.reference("person_id", "persons"),
                            Column.reference("organization_id", "organizations"),
                            Column.text("content", true, 10000))));

    /** The names of all files of an archive, each at its top level: the CSV files in entity order, then the manifest. */
    static final List<String> FILES = Stream.concat(ENTITIES.stream().map(Entity::file), Stream.of(MANIFEST))
            .toList();

    static boolean readable(int version) {
        return version >= OLDEST_READABLE_VERSION && version <= VERSION;
    }

    private CrmArchiveFormat() {}
}
