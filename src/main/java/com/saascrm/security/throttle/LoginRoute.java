package com.saascrm.security.throttle;

import jakarta.servlet.http.HttpServletRequest;

/** One of the ways into the application that check a password: where the login is, and how refusals look there. */
interface LoginRoute {

    /** A name for logs. */
    String name();

    LoginRequest read(HttpServletRequest request) throws UnreadableLogin;

    RefusalFormat refusalFormat();
}
