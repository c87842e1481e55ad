package com.saascrm.security;

import org.springframework.stereotype.Service;

/** The groups that hold what each kind of user may do, and the logins of staff (support, operations). */
@Service
public class StaffIdentities {

    private final IdentityDirectory directory;

    StaffIdentities(IdentityDirectory directory) {
        this.directory = directory;
    }

    public void ensureSharedGroups() {
        directory.ensureGroup(AccountGroups.OPERATIONS, "Operations", IdentityDirectory.SHARED);
        directory.ensureGroup(AccountGroups.SUPPORT, "Support", IdentityDirectory.SHARED);
        directory.ensureGroup(AccountGroups.DIRECTORY_FEED, "Directory feed", IdentityDirectory.SHARED);
    }

    /** A staff login in {@code groupId} (support or operations); created with {@code initialPassword} if missing. */
    public void ensureStaffMember(String login, String name, String email, String groupId, String initialPassword) {
        ensureSharedGroups();
        directory.ensureUser(login, name, email, initialPassword);
        directory.ensureMembership(login, groupId);
    }
}
