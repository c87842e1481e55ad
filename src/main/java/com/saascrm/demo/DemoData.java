package com.saascrm.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.account.Accounts;
import com.saascrm.crm.CrmData;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.AccountIdentities;
import com.saascrm.security.StaffIdentities;

/**
 * The demo profile's accounts and users (logins and passwords in the README). Runs at every start, after the
 * roles exist, and only adds what is missing, so the file database keeps what earlier runs did.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Accounts accounts;
    private final CrmData crmData;
    private final TransactionTemplate transaction;
    private final AccountIdentities identities;
    private final StaffIdentities staff;
    private final Clock clock;

    DemoData(
            Accounts accounts,
            CrmData crmData,
            TransactionTemplate transaction,
            AccountIdentities identities,
            StaffIdentities staff,
            Clock clock) {
        this.accounts = accounts;
        this.crmData = crmData;
        this.transaction = transaction;
        this.identities = identities;
        this.staff = staff;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            Instant endOfMonth = YearMonth.now(clock)
                    .atEndOfMonth()
                    .atTime(LocalTime.of(23, 59, 59))
                    .toInstant(ZoneOffset.UTC);
            if (accounts.create(
                    "acme", "Acme Analytics Ltd", "en", "Europe/London", false, "PROFESSIONAL", endOfMonth)) {
                accounts.addMember("acme", "alice", "Alice Admin", "alice@acme.example", true);
                accounts.addMember("acme", "bob", "Bob Billing", "bob@acme.example", true);
                accounts.addMember("acme", "carol", "Carol Sales", "carol@acme.example", false);
                addCrmData("acme", 60);
            }
            if (accounts.create("nordlys", "Nordlys Eiendom AS", "nb", "Europe/Oslo", false, "ADVANCED", endOfMonth)) {
                accounts.addMember("nordlys", "ola", "Ola Nordmann", "ola@nordlys.example", true);
                accounts.addMember("nordlys", "bob", "Bob Billing", "bob@acme.example", false);
                addCrmData("nordlys", 10);
            }
            if (accounts.create(
                    "globex", "Globex Logistics Ltd", "en", "Europe/London", false, "ADVANCED", endOfMonth)) {
                accounts.addMember("globex", "greta", "Greta Green", "greta@globex.example", true);
                addCrmData("globex", 20);
                // A customer for two years: the retention offer's table makes it an offer.
                accounts.setCustomerSince("globex", LocalDate.now(clock).minusYears(2));
            }
            if (accounts.create("trialco", "Trial Company Ltd", "en", "UTC", true, "ESSENTIAL", endOfMonth)) {
                accounts.addMember("trialco", "tina", "Tina Trial", "tina@trialco.example", true);
            }
            for (String account : new String[] {"acme", "nordlys", "globex", "trialco"}) {
                identities.provision(account, PASSWORD);
            }
            staff.ensureStaffMember("support", "Sam Support", "support@crm.example", AccountGroups.SUPPORT, PASSWORD);
            staff.ensureStaffMember(
                    "operations", "Olivia Operations", "operations@crm.example", AccountGroups.OPERATIONS, PASSWORD);
            staff.ensureStaffMember(
                    "crm-feed", "CRM directory feed", "crm-feed@crm.example", AccountGroups.DIRECTORY_FEED, PASSWORD);
        });
        log.info(
                "Demo data ready: accounts acme, nordlys, globex, trialco; logins alice, bob, carol, ola, greta, tina, "
                        + "support, crm-feed, "
                        + "operations, admin (password '{}')",
                PASSWORD);
    }

    /** Five rows per organization: the organization, a person, a deal, an activity and a note. */
    private void addCrmData(String accountId, int organizations) {
        for (int i = 1; i <= organizations; i++) {
            long organization = crmData.insert(
                    "crm_organization",
                    accountId,
                    row("name", "Customer " + i + " of " + accountId, "address", i + " Harbour Street"));
            long person = crmData.insert(
                    "crm_person",
                    accountId,
                    row(
                            "organization_id",
                            organization,
                            "name",
                            "Contact " + i,
                            "email",
                            "contact" + i + "@customer.example",
                            "phone",
                            "+47 400 00 " + (100 + i)));
            long deal = crmData.insert(
                    "crm_deal",
                    accountId,
                    row(
                            "organization_id",
                            organization,
                            "person_id",
                            person,
                            "title",
                            "Deal " + i,
                            "value_cents",
                            100_000L * i,
                            "currency",
                            "NOK",
                            "stage",
                            "PROPOSAL"));
            crmData.insert(
                    "crm_activity",
                    accountId,
                    row("deal_id", deal, "person_id", person, "subject", "Follow-up call " + i, "done", false));
            crmData.insert("crm_note", accountId, row("deal_id", deal, "content", "Notes from meeting " + i));
        }
    }

    /** Column, value, column, value... in the order given. */
    private static LinkedHashMap<String, Object> row(Object... columnsAndValues) {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
