package com.saascrm.security.throttle;

/** A login and the password sent for it, as a route carries them. */
record LoginAttempt(String login, String password) {

    /** Camunda keeps user ids in 64 characters; a longer login cannot exist. */
    private static final int MAX_LOGIN_LENGTH = 64;

    static LoginAttempt of(String login, String password) throws UnreadableLogin {
        if (login == null || login.isEmpty() || login.length() > MAX_LOGIN_LENGTH) {
            throw new UnreadableLogin(401, "No such login: a login has 1 to " + MAX_LOGIN_LENGTH + " characters");
        }
        return new LoginAttempt(login, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return "LoginAttempt[" + login + "]";
    }
}
