package com.saascrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Times a piece of work several times and reports the median, the spread and two heap figures: the peak the heap
 * reached (garbage included, so it grows with -Xmx), and the peak left in use right after a garbage collection,
 * which is what the work really holds on to.
 */
final class Measurement {

    record Run(Duration time, long peakHeapBytes, long peakAfterGcBytes) {}

    record Result(String name, List<Run> runs) {

        Duration median() {
            List<Duration> times = new ArrayList<>(runs.stream().map(Run::time).toList());
            Collections.sort(times);
            return times.get(times.size() / 2);
        }

        Duration fastest() {
            return runs.stream().map(Run::time).min(Duration::compareTo).orElseThrow();
        }

        Duration slowest() {
            return runs.stream().map(Run::time).max(Duration::compareTo).orElseThrow();
        }

        long peakHeapMegabytes() {
            return runs.stream().mapToLong(Run::peakHeapBytes).max().orElseThrow() / (1024 * 1024);
        }

        long peakAfterGcMegabytes() {
            return runs.stream().mapToLong(Run::peakAfterGcBytes).max().orElseThrow() / (1024 * 1024);
        }

        /** "peak / after GC", as the tables show it. */
        String heap() {
            return String.format(Locale.ROOT, "%d MB / %d MB", peakHeapMegabytes(), peakAfterGcMegabytes());
        }

        String spread() {
            return String.format(
                    Locale.ROOT,
                    "%.2f-%.2f s",
                    fastest().toMillis() / 1000.0,
                    slowest().toMillis() / 1000.0);
        }
    }

    private Measurement() {}

    /** Runs {@code prepare} untimed, then {@code work} timed, {@code times} times. */
    static Result measure(String name, int times, Runnable prepare, LongSupplier work) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            prepare.run();
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            try (HeapAfterCollections afterGc = new HeapAfterCollections(heap)) {
                long start = System.nanoTime();
                work.getAsLong();
                Duration time = Duration.ofNanos(System.nanoTime() - start);
                long peak = heap.stream()
                        .mapToLong(pool -> pool.getPeakUsage().getUsed())
                        .sum();
                runs.add(new Run(time, peak, afterGc.peak(peak)));
                // A full-size run can take most of an hour: say each one as it ends, not only the median at the end.
                System.out.printf(
                        Locale.ROOT,
                        "[bench] %s: run %d of %d took %.2f s%n",
                        name,
                        i + 1,
                        times,
                        time.toMillis() / 1000.0);
            }
        }
        return new Result(name, runs);
    }

    /** Listens to the JVM's garbage collections and keeps the largest heap left in use after one. */
    private static final class HeapAfterCollections implements NotificationListener, AutoCloseable {

        private final Set<String> heapPools;
        private final List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(NotificationEmitter.class::cast)
                .toList();
        private final AtomicLong peak = new AtomicLong(-1);

        HeapAfterCollections(List<MemoryPoolMXBean> heap) {
            this.heapPools = heap.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            collectors.forEach(collector -> collector.addNotificationListener(this, null, null));
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long inUse = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed())
                    .sum();
            peak.accumulateAndGet(inUse, Math::max);
        }

        /** No collection during the work means it never needed more than the heap it reached. */
        long peak(long peakWithoutCollection) {
            return peak.get() < 0 ? peakWithoutCollection : peak.get();
        }

        @Override
        public void close() {
            for (NotificationEmitter collector : collectors) {
                try {
                    collector.removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
    }
}
