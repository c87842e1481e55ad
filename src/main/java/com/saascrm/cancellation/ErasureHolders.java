package com.saascrm.cancellation;

import java.util.List;

import org.springframework.stereotype.Component;

import com.saascrm.erasure.ErasureHolder;
import com.saascrm.erasure.ErasureSettings;

/**
 * The configured holders of accounts' data, for the model's expressions: {@code ${erasureHolders.names()}} makes one
 * erasure per holder, {@code ${erasureHolders.deadlineOf(erasureHolder)}} times its confirmation.
 */
@Component("erasureHolders")
public class ErasureHolders {

    private final ErasureSettings settings;

    ErasureHolders(ErasureSettings settings) {
        this.settings = settings;
    }

    public List<String> names() {
        return settings.holders().stream().map(ErasureHolder::name).toList();
    }

    /** ISO-8601, as a timer reads it. */
    public String deadlineOf(String name) {
        return holder(name).deadline().toString();
    }

    ErasureHolder holder(String name) {
        return settings.holder(name)
                .orElseThrow(() -> new IllegalStateException("The erasure holder '" + name
                        + "' is no longer configured (cancellation.erasure.holders): configure it again, or cancel "
                        + "this holder's erasure in Cockpit"));
    }

    /** The same for every try of one holder's erasure of one account, so that the holder can tell tries apart. */
    static String erasureId(String processInstanceId, String holder) {
        return "erasure-" + processInstanceId + "-" + holder;
    }
}
