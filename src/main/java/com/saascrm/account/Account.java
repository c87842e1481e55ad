package com.saascrm.account;

import java.time.ZoneId;

/** @param timeZone where the account's people live: mail tells dates in it */
public record Account(
        String id, String companyName, String locale, ZoneId timeZone, AccountStatus status, boolean trial) {}
