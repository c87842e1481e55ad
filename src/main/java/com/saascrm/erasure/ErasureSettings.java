package com.saascrm.erasure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize           at most this many CRM rows are deleted in one transaction (one job)
 * @param historySweepEnabled whether this node looks for process history to erase after purges
 * @param historySweepDelay   how long it waits between two looks
 * @param coolingOff          how long after a request to erase an account now it is erased: until then the request
 *                            can be withdrawn
 * @param holders             the systems other than this application's database that hold accounts' data: each is
 *                            asked to delete an account's data when it is purged, and must confirm
 */
@ConfigurationProperties("cancellation.erasure")
public record ErasureSettings(
        @DefaultValue("10000") int batchSize,
        @DefaultValue("true") boolean historySweepEnabled,
        @DefaultValue("PT1M") Duration historySweepDelay,
        @DefaultValue("PT48H") Duration coolingOff,
        @DefaultValue List<ErasureHolder> holders) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** The name this application's own database goes by in a certificate: no external holder may take it. */
    public static final String OWN_DATABASE = "crm-database";

    public ErasureSettings {
        Set<String> names = new HashSet<>();
        for (ErasureHolder holder : holders) {
            if (holder.name() == null || !NAME.matcher(holder.name()).matches()) {
                throw new IllegalArgumentException(
                        "cancellation.erasure.holders: a name is 1 to 40 lower-case letters, "
                                + "digits and hyphens, starting with a letter, not '" + holder.name() + "'");
            }
            if (holder.name().equals(OWN_DATABASE) || !names.add(holder.name())) {
                throw new IllegalArgumentException(
                        "cancellation.erasure.holders: the name '" + holder.name() + "' is taken");
            }
        }
    }

    public Optional<ErasureHolder> holder(String name) {
        return holders.stream().filter(holder -> holder.name().equals(name)).findFirst();
    }
}
