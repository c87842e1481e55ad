package com.saascrm.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

import com.saascrm.erasure.CrmBatchErased;

/**
 * Watches the purge batch by batch (inside each batch's transaction) and, when armed, fails a batch after a given
 * number of them, as a crash in the middle of a purge would.
 */
@TestComponent
public class ErasureProbe {

    private final List<CrmBatchErased> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger failAfter = new AtomicInteger(-1);

    @EventListener
    void batchErased(CrmBatchErased batch) {
        if (failAfter.get() >= 0
                && batches.stream()
                                .filter(b -> b.accountId().equals(batch.accountId()))
                                .count()
                        >= failAfter.get()) {
            throw new IllegalStateException("Injected failure after " + failAfter.get() + " batches");
        }
        batches.add(batch);
    }

    /** Batches of this account that committed... or at least got as far as the probe: see {@link #failAfter}. */
    public List<CrmBatchErased> batchesOf(String accountId) {
        return batches.stream()
                .filter(batch -> batch.accountId().equals(accountId))
                .toList();
    }

    public void failAfter(int batches) {
        failAfter.set(batches);
    }

    public void disarm() {
        failAfter.set(-1);
    }
}
