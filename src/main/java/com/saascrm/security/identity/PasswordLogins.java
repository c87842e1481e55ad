package com.saascrm.security.identity;

import java.util.List;

import org.camunda.bpm.engine.impl.digest.Default16ByteSaltGenerator;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Passwords of account users, for the demo and the tests only ({@code cancellation.security.account-user-passwords});
 * in production account users log in through single sign-on and no password of theirs is stored or checked. Kept
 * apart from Camunda's identity tables (which hold staff logins only), salted and hashed the way Camunda hashes
 * its own, and gone with the user's row when the user is erased.
 */
@Repository
public class PasswordLogins {

    private final JdbcClient jdbc;
    private final boolean enabled;
    private final PasswordManager hashes = new PasswordManager(new Sha512HashDigest(), List.of());
    private final Default16ByteSaltGenerator salts = new Default16ByteSaltGenerator();

    PasswordLogins(JdbcClient jdbc, @Value("${cancellation.security.account-user-passwords:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    /** Gives an existing account user a password, unless it has one; refused where account users have none. */
    public void grantIfMissing(String login, String password) {
        if (!enabled) {
            throw new IllegalStateException("Account users log in through single sign-on here: passwords of account "
                    + "users are on in the demo and the tests only (cancellation.security.account-user-passwords)");
        }
        String salt = salts.generateSalt();
        jdbc.sql(
                        "INSERT INTO password_login (login, salt, password_hash) SELECT login, :salt, :hash FROM app_user"
                                + " WHERE login = :login AND NOT EXISTS (SELECT 1 FROM password_login p WHERE p.login = :login)")
                .param("login", login)
                .param("salt", salt)
                .param("hash", hashes.encrypt(salt + password))
                .update();
    }

    boolean matches(String login, String password) {
        if (!enabled || password == null) {
            return false;
        }
        return jdbc.sql("SELECT salt, password_hash FROM password_login WHERE login = ?")
                .param(login)
                .query((rs, row) -> hashes.check(rs.getString("salt") + password, rs.getString("password_hash")))
                .optional()
                .orElse(false);
    }
}
