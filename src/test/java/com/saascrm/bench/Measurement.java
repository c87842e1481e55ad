package com.saascrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Times a piece of work several times and reports the median, the spread and the peak heap seen. */
final class Measurement {

    record Run(Duration time, long peakHeapBytes) {
    }

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

        String spread() {
            return String.format(Locale.ROOT, "%.2f-%.2f s", fastest().toMillis() / 1000.0, slowest().toMillis() / 1000.0);
        }
    }

    private Measurement() {
    }

    /** Runs {@code prepare} untimed, then {@code work} timed, {@code times} times. */
    static Result measure(String name, int times, Runnable prepare, LongSupplier work) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            prepare.run();
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            work.getAsLong();
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            runs.add(new Run(time, peak));
        }
        return new Result(name, runs);
    }
}
