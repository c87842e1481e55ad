package com.saascrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One owner per table (docs/architecture.md, Packages and what each owns): SQL that writes a table appears only in
 * the package that owns it, and every table the migrations create has an owner. ArchUnit sees classes, not SQL, so
 * this reads the sources: every statement that inserts, updates, deletes or merges, in a string literal or a text
 * block (SQL keywords are written in capitals here). A statement whose table is not written out (built from a name) is allowed only where the names it can take
 * are checked, in the owner of those tables.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/com/saascrm");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("account", "account"),
            Map.entry("subscription", "account"),
            Map.entry("app_user", "account"),
            Map.entry("account_membership", "account"),
            Map.entry("account_membership_removal", "account"),
            Map.entry("cancellation_request", "account"),
            Map.entry("plan", "account"),
            Map.entry("plan_feature", "account"),
            Map.entry("crm_organization", "crm"),
            Map.entry("crm_person", "crm"),
            Map.entry("crm_deal", "crm"),
            Map.entry("crm_activity", "crm"),
            Map.entry("crm_note", "crm"),
            Map.entry("cancellation_feedback", "feedback"),
            Map.entry("cancellation_statistic", "statistics"),
            Map.entry("erasure_record", "erasure"),
            Map.entry("erasure_request", "erasure"),
            Map.entry("erasure_holder_confirmation", "erasure"),
            Map.entry("password_login", "security"),
            Map.entry("billing_event", "billing"),
            Map.entry("billing_step_attempt", "billing"),
            // Camunda's own tables, written in SQL only to remove the account identities copied there before
            // Camunda read them from the domain (security.identity.IdentityCopiesRemoval).
            Map.entry("act_id_user", "security"),
            Map.entry("act_id_group", "security"),
            Map.entry("act_id_membership", "security"),
            Map.entry("act_id_tenant_member", "security"),
            Map.entry("act_ru_authorization", "security"));
    /** Writes whose table is built from a name, and the class that checks the names. */
    private static final Set<String> BUILT_TABLE_NAMES_CHECKED_IN = Set.of("crm/CrmData.java");

    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+(\"\\s*\\+|[A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE\\s+TABLE\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableIsWrittenOnlyByItsOwner() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path source : javaSources()) {
            String file = SOURCES.relativize(source).toString().replace('\\', '/');
            String ownPackage = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
            Matcher write = WRITE.matcher(Files.readString(source));
            while (write.find()) {
                String table = write.group(1).toLowerCase();
                if (table.startsWith("\"")) {
                    if (!BUILT_TABLE_NAMES_CHECKED_IN.contains(file)) {
                        violations.add(file + ": writes a table whose name is built: " + write.group());
                    }
                } else if (!ownPackage.equals(OWNERS.get(table))) {
                    violations.add(
                            file + ": " + write.group() + " (owner: " + OWNERS.getOrDefault(table, "none") + ")");
                }
            }
        }
        assertThat(violations).as("writes outside the owner of the table").isEmpty();
    }

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(MIGRATIONS)) {
            for (Path migration : migrations.toList()) {
                Matcher create = CREATE_TABLE.matcher(Files.readString(migration));
                while (create.find()) {
                    tables.add(create.group(1).toLowerCase());
                }
            }
        }
        assertThat(tables).isNotEmpty();
        assertThat(OWNERS.keySet()).containsAll(tables);
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
