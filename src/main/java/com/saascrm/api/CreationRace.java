package com.saascrm.api;

import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;

/**
 * The CRM may send the same new account twice at once. Both writes find no account, the database lets one create it
 * and refuses the other's insert; the loser is written once more, now as a write to an account that exists, and
 * answers what it would have a moment later.
 */
final class CreationRace {

    private CreationRace() {}

    static <T> T writeAgainIfLost(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException lost) {
            return write.get();
        }
    }
}
