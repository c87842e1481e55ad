-- Passwords of account users, for the demo profile and the tests only: in production account users log in through
-- single sign-on and this table stays empty. Camunda's identity tables hold no account user (they are read from
-- app_user and account_membership), so a password of one has no other place; it goes with the user's row.
CREATE TABLE password_login (
    login          VARCHAR(64)  PRIMARY KEY REFERENCES app_user (login) ON DELETE CASCADE,
    salt           VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(255) NOT NULL
);
