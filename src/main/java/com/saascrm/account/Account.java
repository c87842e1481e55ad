package com.saascrm.account;

public record Account(String id, String companyName, String locale, AccountStatus status, boolean trial) {
}
