package com.saascrm.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountIdentities identities;
    private final StaffIdentities staff;
    private final Clock clock;

    DemoData(JdbcClient jdbc, TransactionTemplate transaction, AccountIdentities identities, StaffIdentities staff,
             Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.identities = identities;
        this.staff = staff;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            Instant endOfMonth = YearMonth.now(clock).atEndOfMonth().atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
            if (createAccount("acme", "Acme Analytics Ltd", "en", "Europe/London", false, "PROFESSIONAL", endOfMonth)) {
                addUser("acme", "alice", "Alice Admin", "alice@acme.example", true);
                addUser("acme", "bob", "Bob Billing", "bob@acme.example", true);
                addUser("acme", "carol", "Carol Sales", "carol@acme.example", false);
                addCrmData("acme", 60);
            }
            if (createAccount("nordlys", "Nordlys Eiendom AS", "nb", "Europe/Oslo", false, "ADVANCED", endOfMonth)) {
                addUser("nordlys", "ola", "Ola Nordmann", "ola@nordlys.example", true);
                addUser("nordlys", "bob", "Bob Billing", "bob@acme.example", false);
                addCrmData("nordlys", 10);
            }
            if (createAccount("trialco", "Trial Company Ltd", "en", "UTC", true, "ESSENTIAL", endOfMonth)) {
                addUser("trialco", "tina", "Tina Trial", "tina@trialco.example", true);
            }
            for (String account : new String[] {"acme", "nordlys", "trialco"}) {
                identities.provision(account, PASSWORD);
            }
            staff.ensureStaffMember("support", "Sam Support", "support@crm.example", AccountGroups.SUPPORT, PASSWORD);
            staff.ensureStaffMember("operations", "Olivia Operations", "operations@crm.example", AccountGroups.OPERATIONS,
                    PASSWORD);
        });
        log.info("Demo data ready: accounts acme, nordlys, trialco; logins alice, bob, carol, ola, tina, support, "
                + "operations, admin (password '{}')", PASSWORD);
    }

    private boolean createAccount(String id, String companyName, String locale, String timeZone, boolean trial,
                                  String plan, Instant periodEnd) {
        if (jdbc.sql("SELECT COUNT(*) FROM account WHERE id = ?").param(id).query(Integer.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO account (id, company_name, locale, time_zone, status, trial) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")
                .params(id, companyName, locale, timeZone, trial).update();
        jdbc.sql("INSERT INTO subscription (account_id, plan_code, current_period_end) VALUES (?, ?, ?)")
                .params(id, plan, periodEnd.atOffset(ZoneOffset.UTC)).update();
        return true;
    }

    private void addUser(String accountId, String login, String name, String email, boolean settingsAccess) {
        if (jdbc.sql("SELECT COUNT(*) FROM app_user WHERE login = ?").param(login).query(Integer.class).single() == 0) {
            jdbc.sql("INSERT INTO app_user (login, name, email) VALUES (?, ?, ?)").params(login, name, email).update();
        }
        jdbc.sql("INSERT INTO account_membership (account_id, login, settings_access) VALUES (?, ?, ?)")
                .params(accountId, login, settingsAccess).update();
    }

    /** Five rows per organization: the organization, a person, a deal, an activity and a note. */
    private void addCrmData(String accountId, int organizations) {
        for (int i = 1; i <= organizations; i++) {
            long organization = insert("INSERT INTO crm_organization (account_id, name, address) VALUES (?, ?, ?)",
                    accountId, "Customer " + i + " of " + accountId, i + " Harbour Street");
            long person = insert("INSERT INTO crm_person (account_id, organization_id, name, email, phone) VALUES (?, ?, ?, ?, ?)",
                    accountId, organization, "Contact " + i, "contact" + i + "@customer.example", "+47 400 00 " + (100 + i));
            long deal = insert("""
                    INSERT INTO crm_deal (account_id, organization_id, person_id, title, value_cents, currency, stage)
                    VALUES (?, ?, ?, ?, ?, 'NOK', 'PROPOSAL')""",
                    accountId, organization, person, "Deal " + i, 100_000L * i);
            insert("INSERT INTO crm_activity (account_id, deal_id, person_id, subject, done) VALUES (?, ?, ?, ?, FALSE)",
                    accountId, deal, person, "Follow-up call " + i);
            insert("INSERT INTO crm_note (account_id, deal_id, content) VALUES (?, ?, ?)",
                    accountId, deal, "Notes from meeting " + i);
        }
    }

    private long insert(String sql, Object... params) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys, "id");
        return keys.getKey().longValue();
    }
}
