package com.saascrm.account;

import java.util.List;

import com.saascrm.crm.CrmCounts;

/** What the review step shows: the plan, its features and how much data the account holds. */
public record AccountSummary(
        String accountId, String locale, String planName, List<String> planFeatures, CrmCounts data) {}
