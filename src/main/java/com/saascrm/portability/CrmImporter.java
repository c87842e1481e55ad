package com.saascrm.portability;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.saascrm.account.AccountStateException;
import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.crm.CrmData;
import com.saascrm.portability.ArchiveCheck.CellValues;
import com.saascrm.portability.CrmArchiveFormat.Column;
import com.saascrm.portability.CrmArchiveFormat.Entity;
import com.saascrm.support.SqlTime;

/**
 * Brings an exported archive back into an account without CRM data. The whole archive is read and checked first
 * (its entries, format version, header, every value, every relation, the manifest's counts); only then is
 * anything written, all in one transaction, with new ids and the relations kept.
 */
@Service
public class CrmImporter {

    private static final Logger log = LoggerFactory.getLogger(CrmImporter.class);

    private final Accounts accounts;
    private final CrmData crmData;
    private final ImportSettings settings;

    CrmImporter(Accounts accounts, CrmData crmData, ImportSettings settings) {
        this.accounts = accounts;
        this.crmData = crmData;
        this.settings = settings;
    }

    /** @return rows imported per entity */
    @Transactional
    public Map<String, Long> importArchive(String accountId, InputStream archive) {
        AccountStatus status = accounts.get(accountId).status();
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException(accountId, status, "ACTIVE to import into");
        }
        long existing = crmData.countsOf(accountId).total();
        if (existing > 0) {
            throw new AccountStateException("Account '" + accountId + "' already has " + existing
                    + " CRM rows; import only into an account without CRM data");
        }
        Map<String, byte[]> files = ArchiveUnpacking.read(archive, settings);
        JsonNode manifest = ArchiveCheck.manifest(files);
        CellValues cells = CellValues.of(manifest.path("formatVersion").intValue());
        Map<String, List<CSVRecord>> rows = ArchiveCheck.validated(files, manifest, cells);
        Map<String, Long> imported = write(accountId, rows, cells);
        log.info(
                "Imported into account {}: {} CRM rows",
                accountId,
                imported.values().stream().mapToLong(Long::longValue).sum());
        return imported;
    }

    private Map<String, Long> write(String accountId, Map<String, List<CSVRecord>> rows, CellValues cells) {
        Map<String, Map<String, Long>> newIds = new HashMap<>();
        Map<String, Long> imported = new LinkedHashMap<>();
        for (Entity entity : CrmArchiveFormat.ENTITIES) {
            List<Column> columns = entity.columns().subList(1, entity.columns().size());
            Map<String, Long> idsOfEntity = new HashMap<>();
            for (CSVRecord record : rows.get(entity.name())) {
                LinkedHashMap<String, Object> values = new LinkedHashMap<>();
                for (Column column : columns) {
                    values.put(column.name(), sqlValue(column, cells.of(record, column), newIds));
                }
                idsOfEntity.put(record.get("id"), crmData.insert(entity.table(), accountId, values));
            }
            newIds.put(entity.name(), idsOfEntity);
            imported.put(entity.name(), (long) idsOfEntity.size());
        }
        return imported;
    }

    private static Object sqlValue(Column column, String value, Map<String, Map<String, Long>> newIds) {
        if (value.isEmpty()) {
            return null;
        }
        return switch (column.type()) {
            case ID -> newIds.get(column.references()).get(value);
            case WHOLE_NUMBER -> Long.parseLong(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            case INSTANT -> SqlTime.utc(Instant.parse(value));
            case TEXT -> value;
        };
    }
}
