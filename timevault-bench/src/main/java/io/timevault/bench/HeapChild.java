package io.timevault.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Figure 7, in its own JVM (started by {@link HeapBench} with {@code -Xmx64m}): appends {@code bytes} of 256-byte
 * entries through the adapter in batches, each durable before the next, and reports the peak heap it saw. The
 * peak is the larger of the heap used before each GC (GC notifications) and the heap used sampled after every
 * batch. Finishing at all under {@code -Xmx64m} is the hard bound; the log it leaves is reused by the open and
 * read figures.
 *
 * <p>Usage: {@code HeapChild <store root> <bytes> <batch>}; prints one {@code HEAP_CHILD key=value...} line.
 */
public final class HeapChild {

    private HeapChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        AtomicLong peakBeforeGc = new AtomicLong();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
                    peakBeforeGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        var memory = ManagementFactory.getMemoryMXBean();
        long sampledPeak = 0;
        long start = System.nanoTime();
        long entries = 0;
        try (TimevaultLog log = TimevaultLog.open(root)) {
            long index = log.nextIndex();
            long recordBytes = Payloads.record(index).length;
            long count = Math.max(1, bytes / recordBytes);
            while (entries < count) {
                int n = (int) Math.min(batch, count - entries);
                log.appendDurably(Payloads.entries(index, n));
                index += n;
                entries += n;
                sampledPeak = Math.max(sampledPeak, memory.getHeapMemoryUsage().getUsed());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long poolPeakSum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                poolPeakSum += pool.getPeakUsage().getUsed();
            }
        }
        double mib = 1024.0 * 1024.0;
        System.out.println("HEAP_CHILD ok entries=" + entries + " seconds=" + Report.num(seconds)
                + " peak_mb=" + Report.num(Math.max(sampledPeak, peakBeforeGc.get()) / mib)
                + " sampled_peak_mb=" + Report.num(sampledPeak / mib)
                + " before_gc_peak_mb=" + Report.num(peakBeforeGc.get() / mib)
                + " pool_peak_sum_mb=" + Report.num(poolPeakSum / mib)
                + " max_heap_mb=" + Report.num(memory.getHeapMemoryUsage().getMax() / mib));
    }

    private static long heapUsed(java.util.Map<String, MemoryUsage> usage) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = usage.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && u != null) {
                used += u.getUsed();
            }
        }
        return used;
    }
}
